using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Probe;

/// <summary>
/// Lifts a probe's observations into the common model: an <see cref="MtaConfig"/> of kind
/// <see cref="MtaKind.Wire"/> whose single service is the probed listener, with the greeting as
/// its banner. The greeting is a source file of its own (<c>mx.example.com:25 (greeting)</c>,
/// text = the greeting's lines) so the banner rules run on it unchanged and point into it.
/// </summary>
public static class WireModel
{
    public static MtaConfig Build(ObservedSession session)
    {
        var files = new List<SourceFile>();
        var services = new List<Service>();
        if (session.Greeting is { Code: 220 } greeting)
        {
            var file = new SourceFile($"{session.Endpoint} (greeting)", string.Concat(greeting.Lines.Select(l => l + "\n")));
            files.Add(file);
            services.Add(ServiceFor(session, file, greeting));
        }

        files.Add(session.Transcript);
        return new MtaConfig
        {
            Mta = MtaKind.Wire,
            Files = files,
            Services = services,
            Observed = session,
        };
    }

    private static Service ServiceFor(ObservedSession session, SourceFile greetingFile, SmtpReply greeting)
    {
        var notation = new ObservedValueNotation();
        var parts = new List<BannerPart>();
        var offset = 0;
        for (var i = 0; i < greeting.Lines.Count; i++)
        {
            var line = greeting.Lines[i];
            var last = i == greeting.Lines.Count - 1;
            var textStart = offset + Math.Min(4, line.Length);
            var text = line.Length > 4 ? line[4..] : string.Empty;

            // A line's part takes its line break along, so the parts concatenate to the rendered text
            // ("first\nsecond") while the "220-" of the next line stays outside every part.
            var partText = last ? text : text + "\n";
            parts.Add(new BannerPart(partText, partText, BannerPartKind.Literal, greetingFile.Span(textStart, partText.Length)));
            offset += line.Length + 1;
        }

        var bannerStart = Math.Min(4, greetingFile.Text.Length);
        var bannerEnd = Math.Max(bannerStart, greetingFile.Text.Length - 1);
        var rendered = string.Concat(parts.Select(p => p.Rendered));
        var setting = new ConfigValue("greeting", rendered, greetingFile.Span(bannerStart, bannerEnd - bannerStart), null, notation, rendered);

        // None only where the wire shows it: an EHLO reply without STARTTLS, and nothing masked in its place.
        // A masked STARTTLS means the server offers it; a refused EHLO or a session cut short proves nothing.
        var offersNothing = session.Ehlo is { Code: 250 } && !session.UsedHelo && !session.StartTlsAdvertised
            && !session.Ehlo.Texts.Skip(1).Any(t => IsMaskedStartTls(t));
        var level = session.ImplicitTls ? TlsLevel.Implicit : offersNothing ? TlsLevel.None : TlsLevel.Opportunistic;
        var authPlain = session.Extensions.Contains("AUTH");
        var authTls = session.ExtensionsAfterTls.Contains("AUTH");
        var notObserved = new ConfigValue("EHLO reply", string.Empty, null, null, notation);
        var levelSetting = session.Ehlo is { } ehlo && offersNothing
            ? new ConfigValue("EHLO reply", "no STARTTLS", session.ReplySpan(ehlo), null, notation)
            : notObserved;
        return new Service
        {
            Name = "probe",
            Port = session.Port,
            ExpectsImplicitTls = session.ImplicitTls,
            Banner = new Banner(setting, parts, RecommendedGreeting(session)),
            Tls = new ServerTls
            {
                Level = level,
                LevelSetting = levelSetting,
                OpportunisticRaw = string.Empty,
                // The wire shows a certificate only after a handshake; without one it proves no absence.
                HasCertificate = session.Tls?.Certificate is not null || level != TlsLevel.None,
                Protocols = session.Tls?.Protocol is { } p ? new TlsProtocolPolicy(notObserved, new HashSet<TlsProtocol> { p }) : null,
            },
            Auth = new AuthPolicy
            {
                Offered = authPlain || authTls,
                RequiresTls = !authPlain || session.ImplicitTls,
            },
            // The probe never sends VRFY or EXPN (it asks about no one): an EHLO keyword is the evidence it has.
            Vrfy = Advertised(session, "VRFY", notation, notObserved),
            Expn = Advertised(session, "EXPN", notation, notObserved),
            // Who may relay needs a RCPT TO, which the probe never sends: it claims nothing.
            Relay = new RelayPolicy { TrustedNetworks = [], RestrictsUnauthorizedDestinations = true },
        };
    }

    private static CommandPolicy Advertised(ObservedSession session, string keyword, ISettingNotation notation, ConfigValue notObserved)
    {
        var index = session.Ehlo is { Code: 250 } ehlo && !session.UsedHelo
            ? ehlo.Texts.Select((t, i) => (t, i)).Skip(1).FirstOrDefault(x => x.t.Split(' ', 2)[0].Equals(keyword, StringComparison.OrdinalIgnoreCase)).i
            : 0;
        if (index == 0)
        {
            return new CommandPolicy { Enabled = false, Setting = notObserved };
        }

        var reply = session.Ehlo!;
        return new CommandPolicy
        {
            Enabled = true,
            Setting = new ConfigValue("EHLO reply", reply.Lines[index], session.ReplyTextSpan(reply, index), null, notation),
        };
    }

    private static bool IsMaskedStartTls(string text)
    {
        var keyword = text.Split(' ', 2)[0];
        return keyword.Length == "STARTTLS".Length && keyword.StartsWith("XXX", StringComparison.Ordinal) && keyword.All(char.IsAsciiLetterUpper);
    }

    /// <summary>What a generic greeting from this server would be: its name and ESMTP.</summary>
    private static string RecommendedGreeting(ObservedSession session)
    {
        var first = session.Greeting?.Texts.FirstOrDefault()?.Split(' ', 2)[0] ?? string.Empty;
        var name = first.Contains('.') && !first.Contains('*') ? first : session.HostIsAddress ? "HOSTNAME" : session.Host;
        return name + " ESMTP";
    }

    /// <summary>How an observed value reads in a note. It is no editor: the wire cannot be edited, and findings on it carry no fix.</summary>
    private sealed class ObservedValueNotation : ISettingNotation
    {
        public string Describe(string name, string raw) => name == "greeting" ? "220 " + raw : $"the server sent \"{raw}\"";
    }
}
