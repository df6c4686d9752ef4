using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.PlanMigration;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

using TaskStatus = Switchyard.Domain.PlanMigration.TaskStatus;

namespace Switchyard.Server.PlanMigration;

/// <summary>
/// Plan migration endpoints (operator only, PRM-4): accounts (PLN-1), requests with blockers (PLN-2),
/// checklist (PLN-4), review (PLN-5), tasks (PLN-6, PLN-7), team queues and the training capacity table.
/// </summary>
public static partial class PlanMigrationApi
{
    public static void MapPlanMigrationApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/v1/accounts").WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        accounts.MapPost("", CreateAccountAsync).WithName("createVenueAccount").WithSummary("Register a venue")
            .WithDescription("Operators only. Registers a venue account with its plan, outstanding debt, fiscal details and what it uses (marketplace page, reviews, widgets, bookings, billing). Missing or invalid fields are 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapGet("", ListAccountsAsync).WithName("listVenueAccounts").WithSummary("List venues; filter by plan, status or name")
            .WithDescription("Operators only. Venue accounts page by page, optionally by plan, status, or a search text matched against the name and company name. An unknown plan or status, or a search text over 200 characters, is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapGet("/{id}", GetAccountAsync).WithName("getVenueAccount").WithSummary("Read a venue")
            .WithDescription("Operators only. One venue account with its plan, status, debt and what it uses. An unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPatch("/{id}", UpdateAccountAsync).WithName("updateVenueAccount").WithSummary("Record a venue's outstanding debt")
            .WithDescription("Operators only. Sets the venue's outstanding debt, which can block a plan migration. An unknown venue is 404; a missing or out-of-range amount is 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/v1/accounts.csv", ExportAccountsAsync).WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("exportVenueAccounts").WithSummary("Venues as CSV, with the list's filters")
            .WithDescription("Operators only. Every venue account matching the filters of the list (plan, status, search text) as a CSV file (`text/csv`), one row per venue ordered by name, values in words. Cells a spreadsheet would read as a formula are neutralised. An unknown plan or status is 422.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var requests = app.MapGroup("/v1/plan-migrations").WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        requests.MapPost("", OpenAsync).WithName("createPlanMigration")
            .WithSummary("Open a migration or undo request; 422 with the blockers")
            .WithDescription("Operators only. Opens a draft request to move a venue to another plan, or to undo an earlier migration. When something stands in the way the answer is 422 listing each blocker with its reason and what to do instead; a venue already on the plan, not active, or with a request in progress is 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapGet("", ListRequestsAsync).WithName("listPlanMigrations").WithSummary("List requests; filter by state, kind, account or batch")
            .WithDescription("Operators only. Plan-migration requests page by page, optionally by state, kind (migration or undo), venue account or the batch a bulk import opened them in. An unknown state or kind is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/v1/plan-migrations.csv", ExportRequestsAsync).WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("exportPlanMigrations").WithSummary("Requests as CSV, with the list's filters")
            .WithDescription("Operators only. Every plan-migration request matching the filters of the list (state, kind, account, batch) as a CSV file (`text/csv`), newest first, with the step each waits on. Cells a spreadsheet would read as a formula are neutralised. An unknown state or kind is 422.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/imports", ImportAsync).WithName("importPlanMigrations")
            .WithSummary("Open requests in bulk from a CSV file (text/csv); dryRun=true writes nothing")
            .WithDescription("Operators only. Reads a CSV file (UTF-8, header row; columns account_id and target_plan, optionally kind, company_name, vat_number, description and setup_fee, in any order) and opens one draft request per row, all in one batch. Every row is checked first, blockers included: the answer lists each venue with its blockers, and each problem with its line, column and reason. With dryRun=true nothing is written; without it a file with any problem opens nothing and is 422. A file that is not UTF-8, has a bad header or too many rows is 422; one over the size limit is 413.")
            .AcceptsCsv()
            .Produces<BulkReportDto>().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/batches/{batchId}/undo", UndoBatchAsync).WithName("undoPlanMigrationBatch")
            .WithSummary("Undo a whole batch: an undo request for each completed migration; dryRun=true writes nothing")
            .WithDescription("Operators only. Opens an undo request (back to the former plan, no setup fee, team-lead approval next) for every completed migration of a batch, as a new batch. Cancelled requests and migrations already undone are skipped. When any request of the batch is still under way, or an undo cannot be opened, nothing is opened and the answer is 422 listing each one (a dry run lists them without writing). An unknown batch is 404.")
            .Produces<BulkReportDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapGet("/{id}", GetRequestAsync).WithName("getPlanMigration")
            .WithSummary("A request: state, checklist, tasks and what it waits on")
            .WithDescription("Operators only. One plan-migration request with its state, checklist, team tasks and what each task still waits on. An unknown id is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapPatch("/{id}/checklist", UpdateChecklistAsync).WithName("updatePlanMigrationChecklist")
            .WithSummary("Check or explain checklist items; book the forecast training date")
            .WithDescription("Operators only. Checks checklist items by giving their value, or explains why one does not apply, and can book the first free training date from a day. Only a draft changes (409 otherwise); unknown items, an item both checked and explained, or no free training place is 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/{id}/submit", SubmitAsync).WithName("submitPlanMigration").WithSummary("Submit for review")
            .WithDescription("Operators only. Sends a draft request for review once every checklist item is checked or explained. A request that is not a draft is 409; each open checklist item is listed in a 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/{id}/review", ReviewAsync).WithName("reviewPlanMigration")
            .WithSummary("Approve, or reject with reasons back to draft")
            .WithDescription("Operators only. Approving a submitted request starts it and creates the team tasks (for a migration it also opens the venue on the new plan); rejecting it sends it back to draft with the reasons, which are then required. For an undo this review is the team lead's approval. A request that is not submitted is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/{id}/cancel", CancelAsync).WithName("cancelPlanMigration").WithSummary("Cancel a draft or submitted request")
            .WithDescription("Operators only. Cancels a request that has not started yet, with an optional reason. An unknown id is 404; a request already in progress or closed is 409.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id}/tasks/{taskId}/complete", CompleteTaskAsync).WithName("completePlanMigrationTask")
            .WithSummary("Complete a task with its evidence, in order")
            .WithDescription("Operators only. Marks a task of an in-progress request done with its evidence. A task done already, or one still waiting on earlier tasks, is 409; missing evidence or a missing confirmation is 422.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var tasks = app.MapGroup("/v1/tasks").WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        tasks.MapGet("", ListTasksAsync).WithName("listTasks").WithSummary("A team's queue of plan-migration tasks")
            .WithDescription("Operators only. Plan-migration tasks page by page, optionally by team, status or request. An unknown team or status is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/v1/tasks.csv", ExportTasksAsync).WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("exportTasks").WithSummary("Team tasks as CSV, with the queue's filters")
            .WithDescription("Operators only. Every plan-migration task matching the filters of the queue (team, status, request) as a CSV file (`text/csv`), oldest first, with its evidence. Cells a spreadsheet would read as a formula are neutralised. An unknown team or status is 422.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var training = app.MapGroup("/v1/training-capacity").WithTags("Plan migration (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        training.MapGet("", ListCapacityAsync).WithName("listTrainingCapacity").WithSummary("The training capacity table from a date")
            .WithDescription("Operators only. Each day with a training capacity from the given date (today by default), with how many places are booked; at most a year of days.");
        training.MapPut("/{date}", SetCapacityAsync).WithName("setTrainingCapacity").WithSummary("Set a date's training capacity")
            .WithDescription("Operators only. Sets how many trainings a day can hold. A date not written YYYY-MM-DD or a capacity out of range is 422; a capacity below the places already booked is 409.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        training.MapGet("/forecast", ForecastAsync).WithName("forecastTrainingDate")
            .WithSummary("The first date with a free training place on or after a day")
            .WithDescription("Operators only. Finds the first day, from the given date (today by default), that still has a free training place; it books nothing.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// Documents a text/csv request body without <c>Accepts</c>, whose content-type matching would answer 415 before
    /// the key is checked (a partner key must get its 403 first); the handler checks the content type itself.
    /// </summary>
    private static RouteHandlerBuilder AcceptsCsv(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Required = true,
                Description = "The CSV file (UTF-8, header row).",
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                {
                    ["text/csv"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });

    /// <summary>Ids are prefixed hex; anything else (control characters included) is unknown without touching the database.</summary>
    internal static bool IsId(string? id, string prefix) =>
        id is not null && Ids.HasPrefix(id, prefix) && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z]{2,4}_[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    private static async Task<Results<Created<AccountDto>, ProblemHttpResult>> CreateAccountAsync(
        CreateAccountRequest request, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Plan is null)
        {
            return Problems.From(Errors.Required("plan"));
        }
        var input = new AccountInput(request.Name, request.Plan.Value, request.OutstandingDebt ?? 0m, request.Currency,
            request.FiscalInfo?.CompanyName, request.FiscalInfo?.VatNumber, request.MarketplacePage, request.Reviews, request.Widgets,
            request.Appointments, request.OnlineBooking, request.BillingActive, request.ContactEmail);
        var account = await PlanMigrationUseCases.CreateAccountAsync(db, input, clock.GetUtcNow(), ct);
        return account.IsFailure
            ? Problems.From(account.Errors)
            : TypedResults.Created($"/v1/accounts/{account.Value.Id}", AccountDto.From(account.Value));
    }

    private static async Task<Results<Ok<Page<AccountDto>>, ProblemHttpResult>> ListAccountsAsync(
        SwitchyardDb db, string? plan, string? status, string? q, int? limit, string? after, CancellationToken ct)
    {
        if (q is not null && (q.Length > 200 || q.Any(char.IsControl)))
        {
            return Problems.From(Errors.Validation("invalidSearch", "q", "Search text has at most 200 characters and no control characters."));
        }
        var term = string.IsNullOrWhiteSpace(q) ? null : ConsoleUi.Components.Shared.Show.Contains(q.Trim());
        var page = await db.Accounts.AsNoTracking().List(limit, after)
            .WhereEnum<Plan>(plan, "plan", a => a.Plan)
            .WhereEnum<AccountStatus>(status, "status", a => a.Status)
            .WhereIf(term is not null, a => EF.Functions.Like(a.Name, term!, "\\") || EF.Functions.Like(a.CompanyName, term!, "\\"))
            .PageAsync(AccountDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> GetAccountAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        IsId(id, Ids.Account) && await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is { } account
            ? TypedResults.Ok(AccountDto.From(account))
            : Problems.NotFound("Account");

    private static async Task<Results<Ok<AccountDto>, ProblemHttpResult>> UpdateAccountAsync(
        string id, UpdateAccountRequest request, SwitchyardDb db, CancellationToken ct)
    {
        if (!IsId(id, Ids.Account) || await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, ct) is not { } account)
        {
            return Problems.NotFound("Account");
        }
        if (request.OutstandingDebt is not { } debt)
        {
            return Problems.From(Errors.Required("outstandingDebt"));
        }
        var changed = await PlanMigrationUseCases.SetDebtAsync(db, account, debt, ct);
        return changed.IsFailure ? Problems.From(changed.Errors) : TypedResults.Ok(AccountDto.From(account));
    }

    private static async Task<Results<Created<PlanMigrationDto>, ProblemHttpResult>> OpenAsync(
        CreatePlanMigrationRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var missing = new List<Error>();
        if (request.Kind is null)
        {
            missing.Add(Errors.Required("kind"));
        }
        if (request.TargetPlan is null)
        {
            missing.Add(Errors.Required("targetPlan"));
        }
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            missing.Add(Errors.Required("accountId"));
        }
        if (missing.Count > 0)
        {
            return Problems.From(missing);
        }
        if (!IsId(request.AccountId, Ids.Account))
        {
            return Problems.From(Errors.Validation("unknownAccount", "accountId", "No account has this id."));
        }
        var input = new PlanMigrationInput(request.Kind!.Value, request.TargetPlan!.Value, request.FiscalInfo?.CompanyName,
            request.FiscalInfo?.VatNumber, request.Description, request.SetupFee);
        var outcome = await PlanMigrationUseCases.OpenAsync(db, request.AccountId, input, caller.Actor, clock.GetUtcNow(), ct);
        if (outcome.Request is null)
        {
            return WithBlockers(outcome);
        }
        return TypedResults.Created($"/v1/plan-migrations/{outcome.Request.Id}", PlanMigrationDto.From(outcome.Request));
    }

    /// <summary>PLN-2: the refusal lists each blocker with its reason and what to do instead.</summary>
    private static ProblemHttpResult WithBlockers(OpenOutcome outcome)
    {
        var problem = Problems.From(outcome.Errors);
        if (outcome.Blockers.Count > 0 && problem.ProblemDetails is ProblemDetails details)
        {
            details.Extensions["code"] = "blocked";
            details.Extensions["blockers"] = outcome.Blockers.Select(b => new BlockerDto(b.Code, b.Message, b.Suggestion)).ToList();
        }
        return problem;
    }

    private static async Task<Results<Ok<Page<PlanMigrationDto>>, ProblemHttpResult>> ListRequestsAsync(
        SwitchyardDb db, string? state, string? kind, string? accountId, string? batchId, int? limit, string? after, CancellationToken ct)
    {
        if ((accountId is not null && !IsId(accountId, Ids.Account)) || (batchId is not null && !IsId(batchId, Ids.PlanMigrationBatch)))
        {
            return TypedResults.Ok(new Page<PlanMigrationDto>([], null));
        }
        var page = await db.PlanMigrationRequests.AsNoTracking().List(limit, after)
            .WhereEnum<PlanMigrationState>(state, "state", r => r.State)
            .WhereEnum<PlanMigrationKind>(kind, "kind", r => r.Kind)
            .WhereIf(accountId is not null, r => r.AccountId == accountId)
            .WhereIf(batchId is not null, r => r.BatchId == batchId)
            .PageAsync(PlanMigrationDto.From, ct);
        return page.ToResult();
    }

    /// <summary>PLN-2, SEC-5: the bulk import; a file with problems opens nothing (422 unless a dry run).</summary>
    private static async Task<IResult> ImportAsync(HttpContext http, Caller caller, SwitchyardDb db, TimeProvider clock, [FromQuery] bool? dryRun, CancellationToken ct)
    {
        var contentType = http.Request.ContentType ?? "text/csv";
        if (!contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            await Problems.Write(http, StatusCodes.Status415UnsupportedMediaType, "unsupportedMediaType", "Send CSV",
                "The body is a CSV file: send it with Content-Type: text/csv.");
            return Results.Empty;
        }
        var (report, refusal) = await PlanMigrationBulk.ImportAsync(db, http.Request.Body, dryRun ?? false, caller.Actor, clock.GetUtcNow(), ct);
        if (refusal is not null)
        {
            await Problems.Write(http, StatusCodes.Status422UnprocessableEntity, refusal.Code, "The file was refused", refusal.Message,
                new Dictionary<string, object?> { ["errors"] = new[] { new BulkProblemDto(refusal.Line, null, null, refusal.Code, refusal.Message) } });
            return Results.Empty;
        }
        return await ReportAsync(http, report!, "The file has problems", "nothing was opened. Fix the rows listed and import the file again.");
    }

    /// <summary>PLN-6 per batch: undo requests for a whole batch, all or nothing.</summary>
    private static async Task<IResult> UndoBatchAsync(string batchId, HttpContext http, Caller caller, SwitchyardDb db, TimeProvider clock, [FromQuery] bool? dryRun, CancellationToken ct)
    {
        var report = IsId(batchId, Ids.PlanMigrationBatch)
            ? await PlanMigrationBulk.UndoBatchAsync(db, batchId, dryRun ?? false, caller.Actor, clock.GetUtcNow(), ct)
            : null;
        if (report is null)
        {
            return Problems.NotFound("Batch");
        }
        return await ReportAsync(http, report, "The batch cannot be undone yet", "nothing was opened. Deal with the requests listed, then undo the batch again.");
    }

    private static async Task<IResult> ReportAsync(HttpContext http, BulkReport report, string title, string nothingDone)
    {
        var dto = BulkReportDto.From(report);
        if (report.IsInvalid && !report.DryRun)
        {
            await Problems.Write(http, StatusCodes.Status422UnprocessableEntity, "invalidRows", title,
                $"{report.Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} problem(s) found; {nothingDone}",
                new Dictionary<string, object?> { ["rows"] = dto.Rows, ["errors"] = dto.Errors, ["items"] = dto.Items });
            return Results.Empty;
        }
        return TypedResults.Ok(dto);
    }

    private static async Task<IResult> ExportAccountsAsync(SwitchyardDb db, string? plan, string? status, string? q, CancellationToken ct) =>
        Csv(await PlanMigrationExport.AccountsAsync(db, plan, status, q, ct), "accounts.csv");

    private static async Task<IResult> ExportRequestsAsync(SwitchyardDb db, string? state, string? kind, string? accountId, string? batchId, CancellationToken ct) =>
        Csv(await PlanMigrationExport.RequestsAsync(db, state, kind, accountId, batchId, ct), "plan-migrations.csv");

    private static async Task<IResult> ExportTasksAsync(SwitchyardDb db, string? team, string? status, string? requestId, CancellationToken ct) =>
        Csv(await PlanMigrationExport.TasksAsync(db, team, status, requestId, ct), "tasks.csv");

    private static IResult Csv(Result<string> csv, string name) =>
        csv.IsFailure ? Problems.From(csv.Errors) : PlanMigrationExport.File(csv.Value, name);

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> GetRequestAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        IsId(id, Ids.PlanMigration) && await db.PlanMigrationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } request
            ? TypedResults.Ok(PlanMigrationDto.From(request))
            : Problems.NotFound("Plan migration");

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> UpdateChecklistAsync(
        string id, UpdateChecklistRequest body, SwitchyardDb db, CancellationToken ct)
    {
        if (await LoadAsync(db, id, ct) is not { } request)
        {
            return Problems.NotFound("Plan migration");
        }
        if (body.Items is { Count: > 50 })
        {
            return Problems.From(Errors.Validation("tooMany", "items", "At most 50 items at once."));
        }
        var update = new ChecklistUpdate([.. (body.Items ?? []).Select(i => new ChecklistChange(i.Key, i.Checked, i.Explanation))],
            body.Description, body.ContentSheet, body.ImportClientFile);
        var result = await PlanMigrationUseCases.UpdateChecklistAsync(db, request, update, body.TrainingFrom, ct);
        return Respond(result);
    }

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> SubmitAsync(string id, SwitchyardDb db, TimeProvider clock, CancellationToken ct) =>
        await LoadAsync(db, id, ct) is { } request
            ? Respond(await PlanMigrationUseCases.SubmitAsync(db, request, clock.GetUtcNow(), ct))
            : Problems.NotFound("Plan migration");

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> ReviewAsync(
        string id, ReviewRequest body, SwitchyardDb db, Caller caller, TimeProvider clock, PlanMigrationTeams teams, CancellationToken ct) =>
        await LoadAsync(db, id, ct) is { } request
            ? Respond(await PlanMigrationUseCases.ReviewAsync(db, request, body.Decision, body.Reasons, caller.Actor, clock.GetUtcNow(), teams, ct))
            : Problems.NotFound("Plan migration");

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> CancelAsync(
        string id, CancelRequest? body, SwitchyardDb db, CancellationToken ct) =>
        await LoadAsync(db, id, ct) is { } request
            ? Respond(await PlanMigrationUseCases.CancelAsync(db, request, body?.Reason, ct))
            : Problems.NotFound("Plan migration");

    private static async Task<Results<Ok<PlanMigrationDto>, ProblemHttpResult>> CompleteTaskAsync(
        string id, string taskId, CompleteTaskRequest body, SwitchyardDb db, Caller caller, TimeProvider clock, PlanMigrationTeams teams, CancellationToken ct)
    {
        if (await LoadAsync(db, id, ct) is not { } request || !IsId(taskId, Ids.PlanMigrationTask))
        {
            return Problems.NotFound("Plan migration task");
        }
        var result = await PlanMigrationUseCases.CompleteTaskAsync(db, request, taskId, body.Evidence, body.ConfirmVenueKeptWhatItNeeds ?? false,
            caller.Actor, clock.GetUtcNow(), teams, ct);
        return Respond(result);
    }

    private static async Task<Results<Ok<Page<TaskDto>>, ProblemHttpResult>> ListTasksAsync(
        SwitchyardDb db, string? team, string? status, string? requestId, int? limit, string? after, CancellationToken ct)
    {
        if (requestId is not null && !IsId(requestId, Ids.PlanMigration))
        {
            return TypedResults.Ok(new Page<TaskDto>([], null));
        }
        var page = await db.PlanMigrationTasks.AsNoTracking().List(limit, after)
            .WhereEnum<Team>(team, "team", t => t.Team)
            .WhereEnum<TaskStatus>(status, "status", t => t.Status)
            .WhereIf(requestId is not null, t => t.RequestId == requestId)
            .PageAsync(TaskDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Ok<IReadOnlyList<TrainingDayDto>>> ListCapacityAsync(SwitchyardDb db, DateOnly? from, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var start = from ?? calendar.DateOf(clock.GetUtcNow());
        var days = await db.TrainingDays.AsNoTracking().Where(d => d.Date >= start).OrderBy(d => d.Date).Take(366).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TrainingDayDto>>([.. days.Select(TrainingDayDto.From)]);
    }

    private static async Task<Results<Ok<TrainingDayDto>, ProblemHttpResult>> SetCapacityAsync(
        string date, SetCapacityRequest body, SwitchyardDb db, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var day))
        {
            return Problems.From(Errors.Validation("invalidDate", "date", "Give the date as YYYY-MM-DD."));
        }
        var result = await PlanMigrationUseCases.SetCapacityAsync(db, day, body.Capacity, ct);
        return result.IsFailure ? Problems.From(result.Errors) : TypedResults.Ok(TrainingDayDto.From(result.Value));
    }

    private static async Task<Ok<ForecastDto>> ForecastAsync(SwitchyardDb db, DateOnly? from, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var start = from ?? calendar.DateOf(clock.GetUtcNow());
        return TypedResults.Ok(new ForecastDto(start, await PlanMigrationUseCases.ForecastAsync(db, start, ct)));
    }

    private static async Task<PlanMigrationRequest?> LoadAsync(SwitchyardDb db, string id, CancellationToken ct) =>
        IsId(id, Ids.PlanMigration) ? await PlanMigrationUseCases.FindAsync(db, id, ct) : null;

    private static Results<Ok<PlanMigrationDto>, ProblemHttpResult> Respond(Result<PlanMigrationRequest> result) =>
        result.IsFailure ? Problems.From(result.Errors) : TypedResults.Ok(PlanMigrationDto.From(result.Value));
}
