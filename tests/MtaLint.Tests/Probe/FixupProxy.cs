using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MtaLint.Tests.Probe;

/// <summary>
/// Emulates a Cisco PIX/ASA SMTP fixup between client and server, as admins meet it: the greeting's
/// text overwritten with asterisks (only '2', '0' and spaces kept), <c>STARTTLS</c> in the EHLO reply
/// replaced by <c>XXXXXXXA</c>, and the client's <c>STARTTLS</c> command replaced by <c>XXXXXXXX</c>.
/// Each rewrite can be turned off to isolate its effect.
/// </summary>
public sealed class FixupProxy : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    public FixupProxy(int upstreamPort, bool maskGreeting = true, bool hideStartTls = true, bool rewriteStartTlsCommand = true)
    {
        _server = new LoopbackServer(async (client, token) =>
        {
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, token);
            var server = upstream.GetStream();
            // Once a STARTTLS goes through unchanged, the session is TLS: the proxy relays bytes, as an inspection must.
            var startTlsPassed = false;
            var toClient = Pump(server, client, (line, inGreeting) =>
                inGreeting && maskGreeting ? Mask(line)
                : hideStartTls && line.Length > 4 && line[4..].Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase) ? line[..4] + "XXXXXXXA"
                : line, () => Volatile.Read(ref startTlsPassed), token);
            var toServer = Pump(client, server, (line, _) =>
            {
                if (!line.Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase))
                {
                    return line;
                }

                if (rewriteStartTlsCommand)
                {
                    return "XXXXXXXX";
                }

                Volatile.Write(ref startTlsPassed, true);
                return line;
            }, () => Volatile.Read(ref startTlsPassed), token);
            await Task.WhenAny(toClient, toServer);
        });
    }

    public int Port => _server.Port;

    /// <summary>What a PIX shows of "220 mx.example.com ESMTP ...": asterisks, keeping the code, '2', '0' and spaces.</summary>
    public static string Mask(string line) =>
        line[..4] + new string(line[4..].Select(c => c is '2' or '0' or ' ' ? c : '*').ToArray());

    /// <summary>Relays lines, rewritten, until a final reply line (or a command) passes while <paramref name="tls"/> holds; then relays raw bytes.</summary>
    private static async Task Pump(Stream from, Stream to, Func<string, bool, string> rewrite /* (line, still in the greeting) */, Func<bool> tls, CancellationToken token)
    {
        var reader = new SmtpScript.LineReader(from);
        var inGreeting = true;
        for (var i = 0; i < 10_000; i++)
        {
            var line = await reader.ReadLineAsync(token);
            if (line is null)
            {
                to.Close();
                return;
            }

            var relayed = rewrite(line, inGreeting);
            await to.WriteAsync(Encoding.UTF8.GetBytes(relayed + "\r\n"), token);
            inGreeting &= line.Length > 3 && line[3] == '-';
            var finalLine = line.Length == 3 || (line.Length > 3 && line[3] != '-');
            if (tls() && finalLine)
            {
                await from.CopyToAsync(to, token);
                to.Close();
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
