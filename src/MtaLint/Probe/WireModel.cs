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
        var editor = new ObservedValueEditor();
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
        var setting = new ConfigValue("greeting", rendered, greetingFile.Span(bannerStart, bannerEnd - bannerStart), null, editor, rendered);

        var level = session.ImplicitTls ? TlsLevel.Implicit : session.StartTlsAdvertised ? TlsLevel.Opportunistic : TlsLevel.None;
        var authPlain = session.Extensions.Contains("AUTH");
        var authTls = session.ExtensionsAfterTls.Contains("AUTH");
        var observedSetting = new ConfigValue("observed", string.Empty, null, null, editor);
        return new Service
        {
            Name = "probe",
            Port = session.Port,
            ExpectsImplicitTls = session.ImplicitTls,
            Banner = new Banner(setting, parts, recommendedRaw: string.Empty),
            Tls = new ServerTls
            {
                Level = level,
                LevelSetting = new ConfigValue("STARTTLS", level.ToString(), null, null, editor),
                OpportunisticRaw = string.Empty,
                HasCertificate = session.Tls?.Certificate is not null,
                Protocols = session.Tls?.Protocol is { } p ? new TlsProtocolPolicy(observedSetting, new HashSet<TlsProtocol> { p }) : null,
            },
            Auth = new AuthPolicy
            {
                Offered = authPlain || authTls || (session.ImplicitTls && session.Extensions.Contains("AUTH")),
                RequiresTls = !authPlain || session.ImplicitTls,
            },
            // The probe never sends VRFY or EXPN and cannot know who may relay: it claims nothing about them.
            Vrfy = new CommandPolicy { Enabled = false, Setting = observedSetting },
            Expn = new CommandPolicy { Enabled = false, Setting = observedSetting },
            Relay = new RelayPolicy { TrustedNetworks = [], RestrictsUnauthorizedDestinations = true },
        };
    }

    /// <summary>
    /// The wire cannot be edited: findings on it carry no fix. This editor exists because the model
    /// requires one; its edits address the observation only and the probe drops them.
    /// </summary>
    private sealed class ObservedValueEditor : ISettingEditor
    {
        public TextEdit Set(ConfigValue value, string newRaw) =>
            value.ValueSpan is { } span ? TextEdit.Replace(span, newRaw) : throw new InvalidOperationException("an observed value cannot be edited");

        public string Describe(string name, string raw) => $"the server's {name}: {raw}";
    }
}
