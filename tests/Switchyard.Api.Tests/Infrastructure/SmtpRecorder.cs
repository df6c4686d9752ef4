using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>
/// A loopback SMTP server speaking just enough of RFC 5321 (EHLO, MAIL, RCPT, DATA, QUIT) for the SMTP
/// adapter's contract test and the crash tests: it accepts many connections at once, can take its time
/// before accepting each message (a slow mail server) or refuse every recipient, and records every
/// message it accepted — recipients, raw data, and the X-Switchyard-Deduplication-Key header as a
/// receiver that deduplicates would read it.
/// </summary>
public sealed class SmtpRecorder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpRecorder(TimeSpan delayPerMessage = default, bool refuseRecipients = false)
    {
        DelayPerMessage = delayPerMessage;
        RefuseRecipients = refuseRecipients;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public TimeSpan DelayPerMessage { get; }

    public bool RefuseRecipients { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The deduplication key of each accepted message, in order, repeats included.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    public int DistinctKeys => Accepted.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Each accepted message's recipients and raw data (headers and body), in order.</summary>
    public ConcurrentQueue<(List<string> Recipients, string Data)> Received { get; } = new();

    /// <summary>Settings that point the server at this recorder.</summary>
    public IDictionary<string, string?> ServerSettings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_SMTP_HOST"] = "127.0.0.1",
        ["SWITCHYARD_SMTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SWITCHYARD_SMTP_SECURITY"] = "none",
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client.GetStream());
                    }
                    catch (IOException)
                    {
                        // The sender died mid-conversation (killed): nothing was accepted.
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 recorder ready");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 recorder");
                    break;
                case "MAIL":
                    recipients.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT" when RefuseRecipients:
                    await writer.WriteLineAsync("550 No such user");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>'));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End with <CRLF>.<CRLF>");
                    var raw = new StringBuilder();
                    string? key = null;
                    var inKey = false;
                    var inHeaders = true;
                    var ended = false;
                    while (await reader.ReadLineAsync(_stop.Token) is { } data)
                    {
                        if (data == ".")
                        {
                            ended = true;
                            break;
                        }
                        raw.AppendLine(data);
                        // A long header is folded onto continuation lines that start with white space.
                        if (inKey && data.Length > 0 && char.IsWhiteSpace(data[0]))
                        {
                            key += data.Trim();
                            continue;
                        }
                        inKey = false;
                        inHeaders &= data.Length > 0;
                        if (inHeaders && key is null && data.StartsWith("X-Switchyard-Deduplication-Key:", StringComparison.OrdinalIgnoreCase))
                        {
                            key = data[(data.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                            inKey = true;
                        }
                    }
                    if (!ended)
                    {
                        // The sender died mid-message (killed): the connection closed before the final dot,
                        // so nothing was accepted, however much of the message arrived.
                        return;
                    }
                    await Task.Delay(DelayPerMessage, _stop.Token);
                    // Accepted once the reply is on its way: a sender killed before reading it sends again.
                    Received.Enqueue((new List<string>(recipients), raw.ToString()));
                    Accepted.Enqueue(key ?? "(no key)");
                    await writer.WriteLineAsync("250 Accepted");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
