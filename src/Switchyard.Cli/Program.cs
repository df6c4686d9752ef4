using Switchyard.Cli;

// The command tree lives in CliApp (tests run it against an in-memory server); commands under Commands/.
return await CliApp.RunAsync(args, CliHost.Default());
