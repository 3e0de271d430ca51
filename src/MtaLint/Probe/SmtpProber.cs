using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MtaLint.Model;

namespace MtaLint.Probe;

/// <summary>
/// Runs one SMTP session against a live server the way a sending MTA would up to the envelope:
/// greeting, EHLO (HELO if refused), STARTTLS when advertised, EHLO inside TLS, QUIT.
/// It never sends mail and never authenticates. Every wait is bounded by a step timeout and an
/// overall timeout, and every reply by <see cref="ProbeLimits"/>; whatever goes wrong ends up in
/// <see cref="ObservedSession.Failure"/>, never in an exception.
/// </summary>
public sealed class SmtpProber
{
    public async Task<ProbeResult> ProbeAsync(ProbeOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var session = new Session(options);
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(options.EffectiveOverallTimeout);
        try
        {
            // Every step takes the overall token; the limit also holds for a step that does not
            // heed it (a callback inside the TLS handshake, a resolver that cannot be cancelled).
            if (!await Deadline.RunAsync(session.RunAsync, options.EffectiveOverallTimeout, overall).ConfigureAwait(false))
            {
                session.Abandon($"the session took longer than the overall limit of {Seconds(options.EffectiveOverallTimeout)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = overall.IsCancellationRequested
                ? $"the session took longer than the overall limit of {Seconds(options.EffectiveOverallTimeout)}"
                : $"no answer within {Seconds(options.StepTimeout)}";
            session.Fail(why);
        }
        catch (SmtpProtocolException e)
        {
            session.Transcript.ReceivedPartial(e.PartialLines);
            session.Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            session.Fail("connection error: " + (e.InnerException?.Message ?? e.Message));
        }
        finally
        {
            session.Dispose();
        }

        return new ProbeResult(session.Build(), clock.Elapsed);
    }

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The mutable state of one run; frozen into an <see cref="ObservedSession"/> at the end.</summary>
    private sealed class Session(ProbeOptions options) : IDisposable
    {
        private Socket? _socket;
        private Stream? _stream;
        private SmtpReplyReader? _reader;
        private ProbeStage _stage = ProbeStage.Resolve;
        private string? _address;
        private SmtpReply? _greeting;
        private SmtpReply? _ehlo;
        private SmtpReply? _ehloRefusal;
        private bool _usedHelo;
        private IReadOnlyList<string> _extensions = [];
        private SmtpReply? _startTlsReply;
        private string? _tlsError;
        private ObservedTls? _tls;
        private SmtpReply? _ehloAfterTls;
        private IReadOnlyList<string> _extensionsAfterTls = [];
        private ProbeFailure? _failure;

        // A run abandoned at the overall limit may still be inside a step on another thread.
        private readonly Lock _gate = new();
        private bool _abandoned;
        private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

        // When the certificate was received: a server may make it at STARTTLS (Exim's self-signed
        // fallback is valid from that second on), so the probe's start would be "before" it.
        private DateTimeOffset? _handshakeAt;

        public TranscriptBuilder Transcript { get; } = new();

        private string Endpoint => (options.Host.Contains(':') ? $"[{options.Host}]" : options.Host) + ":" + options.Port.ToString(CultureInfo.InvariantCulture);

        public async Task RunAsync(CancellationToken overall)
        {
            await ConnectAsync(overall).ConfigureAwait(false);
            if (_socket is null)
            {
                return;
            }

            _stream = new NetworkStream(_socket, ownsSocket: true);
            if (options.ImplicitTls && !await HandshakeAsync(overall).ConfigureAwait(false))
            {
                return;
            }

            _reader = new SmtpReplyReader(_stream, options.Limits);
            _stage = ProbeStage.Greeting;
            _greeting = await ReadAsync(overall).ConfigureAwait(false);
            if (_greeting.Code != 220)
            {
                Fail($"the server greeted with {_greeting.Code} instead of 220: it does not accept a session from this client");
                await QuitAsync(overall).ConfigureAwait(false);
                return;
            }

            _stage = ProbeStage.Ehlo;
            var reply = await CommandAsync("EHLO " + options.HeloName, overall).ConfigureAwait(false);
            if (reply.Code is >= 500 and < 600)
            {
                _ehloRefusal = reply;
                _usedHelo = true;
                Transcript.Note("EHLO refused: falling back to HELO (no extensions, so no STARTTLS)");
                reply = await CommandAsync("HELO " + options.HeloName, overall).ConfigureAwait(false);
            }

            _ehlo = reply;
            if (reply.Code != 250)
            {
                Fail($"the server answered {(_usedHelo ? "HELO" : "EHLO")} with {reply.Summary}");
                await QuitAsync(overall).ConfigureAwait(false);
                return;
            }

            _extensions = _usedHelo ? [] : Keywords(reply);
            if (!options.ImplicitTls && _extensions.Contains("STARTTLS"))
            {
                if (options.StartTls == StartTlsMode.Off)
                {
                    Transcript.Note("STARTTLS advertised; not sent (--starttls off)");
                }
                else if (!await StartTlsAsync(overall).ConfigureAwait(false))
                {
                    return;
                }
            }

            await QuitAsync(overall).ConfigureAwait(false);
        }

        /// <summary>Sends STARTTLS and, on 220, upgrades and repeats EHLO. False when the session cannot go on.</summary>
        private async Task<bool> StartTlsAsync(CancellationToken overall)
        {
            _stage = ProbeStage.StartTls;
            _startTlsReply = await CommandAsync("STARTTLS", overall).ConfigureAwait(false);
            if (_startTlsReply.Code != 220)
            {
                return true;
            }

            if (_reader!.HasBufferedData)
            {
                // RFC 3207 section 5: nothing sent before the handshake may be trusted after it.
                Transcript.Note("the server sent data after 220 and before the TLS handshake: discarded");
            }

            if (!await HandshakeAsync(overall).ConfigureAwait(false))
            {
                return false;
            }

            _reader = new SmtpReplyReader(_stream!, options.Limits);
            _stage = ProbeStage.EhloAfterTls;
            _ehloAfterTls = await CommandAsync("EHLO " + options.HeloName, overall).ConfigureAwait(false);
            _extensionsAfterTls = _ehloAfterTls.Code == 250 ? Keywords(_ehloAfterTls) : [];
            return true;
        }

        private async Task ConnectAsync(CancellationToken overall)
        {
            _stage = ProbeStage.Resolve;
            IPAddress[] addresses;
            if (options.ConnectTo is { Count: > 0 } forced)
            {
                addresses = [.. forced];
            }
            else if (IPAddress.TryParse(options.Host, out var literal))
            {
                addresses = [literal];
            }
            else
            {
                using var step = Step(overall);
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(options.Host, step.Token).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    Fail($"cannot resolve {options.Host}: {e.Message}");
                    return;
                }

                Transcript.Note($"{options.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}");
                if (addresses.Length == 0)
                {
                    Fail($"{options.Host} has no address");
                    return;
                }
            }

            _stage = ProbeStage.Connect;
            var errors = new List<string>();
            foreach (var address in addresses)
            {
                var endpoint = new IPEndPoint(address, options.Port);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                using var step = Step(overall);
                try
                {
                    await socket.ConnectAsync(endpoint, step.Token).ConfigureAwait(false);
                    _socket = socket;
                    _address = address.ToString();
                    Transcript.Note($"connected to {endpoint}");
                    return;
                }
                catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !overall.IsCancellationRequested))
                {
                    socket.Dispose();
                    var why = e is SocketException se ? se.Message : $"no connection within {Seconds(options.StepTimeout)}";
                    Transcript.Note($"cannot connect to {endpoint}: {why}");
                    errors.Add($"{endpoint}: {why}");
                }
            }

            Fail("cannot connect: " + string.Join("; ", errors));
        }

        /// <summary>The TLS handshake; a bad certificate is recorded, never fatal. False when it failed.</summary>
        private async Task<bool> HandshakeAsync(CancellationToken overall)
        {
            _stage = ProbeStage.TlsHandshake;
            ObservedCertificate? certificate = null;
            var ssl = new SslStream(_stream!, leaveInnerStreamOpen: false);
            _stream = ssl;
            var authentication = new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,

                // The chain is judged offline, from what the server sent and the local trust store. The
                // URLs in a certificate (AIA "CA Issuers", OCSP, CRL) are the server's choice: fetching
                // them made the probe connect wherever the server said (a blind SSRF from the machine
                // that probes) and wait as long as that host liked, outside every time limit.
                CertificateChainPolicy = new X509ChainPolicy
                {
                    DisableCertificateDownloads = true,
                    RevocationMode = X509RevocationMode.NoCheck,
                },
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.0/1.1 are offered so that a server still on them is observed and reported (MTA409), not trusted.
                EnabledSslProtocols = SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
#pragma warning restore SYSLIB0039, CA5397
#pragma warning disable CA5359 // the certificate is inspected and reported (MTA4xx), never trusted: nothing is sent over this session
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    if (cert is not null)
                    {
                        certificate = CertificateInspector.Inspect(cert, chain, errors);
                    }

                    // The probe reports the certificate; it never refuses it.
                    return true;
                },
#pragma warning restore CA5359
            };
            using var step = Step(overall);
            try
            {
                await ssl.AuthenticateAsClientAsync(authentication, step.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or System.ComponentModel.Win32Exception
                                      || (e is OperationCanceledException && !overall.IsCancellationRequested))
            {
                _tlsError = e is OperationCanceledException
                    ? $"no TLS handshake within {Seconds(options.StepTimeout)}"
                    : Describe(e);
                Transcript.Note("TLS handshake failed: " + _tlsError);
                return false;
            }

            _handshakeAt = DateTimeOffset.UtcNow;
            _tls = new ObservedTls(Map(ssl.SslProtocol), ssl.SslProtocol.ToString(), ssl.NegotiatedCipherSuite.ToString(), certificate, Transcript.NextLine);
            Transcript.Note($"TLS handshake: {_tls.ProtocolName}, {_tls.CipherSuite}");
            if (certificate is not null)
            {
                Transcript.Note($"certificate: subject {certificate.Subject}; issuer {certificate.Issuer}; names {string.Join(", ", certificate.DnsNames)}; valid {certificate.NotBefore:u} to {certificate.NotAfter:u}");
            }

            return true;
        }

        private async Task<SmtpReply> CommandAsync(string command, CancellationToken overall)
        {
            Transcript.Sent(command);
            using (var step = Step(overall))
            {
                await _stream!.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), step.Token).ConfigureAwait(false);
                await _stream.FlushAsync(step.Token).ConfigureAwait(false);
            }

            return await ReadAsync(overall).ConfigureAwait(false);
        }

        private async Task<SmtpReply> ReadAsync(CancellationToken overall)
        {
            using var step = Step(overall);
            var raw = await _reader!.ReadReplyAsync(step.Token).ConfigureAwait(false);
            return Transcript.Received(raw);
        }

        /// <summary>QUIT, best effort: a server that drops the line instead of answering 221 does no harm here.</summary>
        private async Task QuitAsync(CancellationToken overall)
        {
            _stage = ProbeStage.Quit;
            try
            {
                await CommandAsync("QUIT", overall).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException
                                      || (e is OperationCanceledException && !overall.IsCancellationRequested))
            {
                Transcript.Note("no answer to QUIT: " + (e is OperationCanceledException ? "timeout" : e.Message));
            }
        }

        public void Fail(string message)
        {
            lock (_gate)
            {
                if (_abandoned)
                {
                    return; // the step that outlived the limit ended after all: the limit is the story
                }

                _failure ??= new ProbeFailure(_stage, message);
                Transcript.Note($"probe stopped at {_stage}: {message}");
            }
        }

        /// <summary>
        /// Gives up on a run that outlived the overall limit: the connection is closed, so a step still
        /// waiting on it ends; what that step records afterwards is not the session's outcome.
        /// </summary>
        public void Abandon(string why)
        {
            lock (_gate)
            {
                _failure ??= new ProbeFailure(_stage, why);
                Transcript.Note($"probe stopped at {_stage}: {why}");
                _abandoned = true;
            }

            Dispose();
        }

        public ObservedSession Build()
        {
            lock (_gate)
            {
                return Snapshot();
            }
        }

        private ObservedSession Snapshot() => new()
        {
            Host = options.Host,
            Port = options.Port,
            Address = _address,
            ImplicitTls = options.ImplicitTls,
            StartTlsSkipped = options.StartTls == StartTlsMode.Off,
            ObservedAt = _handshakeAt ?? _startedAt,
            Greeting = _greeting,
            Ehlo = _ehlo,
            UsedHelo = _usedHelo,
            EhloRefusal = _ehloRefusal,
            Extensions = _extensions,
            StartTlsReply = _startTlsReply,
            TlsHandshakeError = _tlsError,
            Tls = _tls,
            EhloAfterTls = _ehloAfterTls,
            ExtensionsAfterTls = _extensionsAfterTls,
            Transcript = Transcript.Build(Endpoint),
            Failure = _failure,
        };

        public void Dispose()
        {
            if (_stream is not null)
            {
                _stream.Dispose();
            }
            else
            {
                _socket?.Dispose();
            }
        }

        private CancellationTokenSource Step(CancellationToken overall)
        {
            var step = CancellationTokenSource.CreateLinkedTokenSource(overall);
            step.CancelAfter(options.StepTimeout);
            return step;
        }

        /// <summary>The keywords of an EHLO reply: the first word of each line after the first, upper case.</summary>
        private static IReadOnlyList<string> Keywords(SmtpReply reply) =>
            reply.Texts.Skip(1)
                .Select(t => t.Split(' ', 2)[0].Trim().ToUpperInvariant())
                .Where(k => k.Length > 0)
                .ToArray();

        private static string Describe(Exception e)
        {
            var messages = new List<string>();
            for (var x = e; x is not null; x = x.InnerException)
            {
                if (!messages.Contains(x.Message))
                {
                    messages.Add(x.Message);
                }
            }

            return string.Join(": ", messages);
        }

        private static TlsProtocol? Map(SslProtocols protocol) => protocol switch
        {
#pragma warning disable SYSLIB0039, CS0618, CA5397 // mapping, not enabling, the legacy versions
            SslProtocols.Ssl2 => TlsProtocol.SslV2,
            SslProtocols.Ssl3 => TlsProtocol.SslV3,
            SslProtocols.Tls => TlsProtocol.TlsV1_0,
            SslProtocols.Tls11 => TlsProtocol.TlsV1_1,
#pragma warning restore SYSLIB0039, CS0618, CA5397
            SslProtocols.Tls12 => TlsProtocol.TlsV1_2,
            SslProtocols.Tls13 => TlsProtocol.TlsV1_3,
            _ => null,
        };
    }
}
