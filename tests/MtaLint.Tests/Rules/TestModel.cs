using System.Text.RegularExpressions;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>
/// Hand-built common models for rule unit tests, independent of any dialect: settings are
/// <c>name = value</c> lines of one file, written back by <see cref="LineEditor"/>.
/// </summary>
internal sealed partial class TestModel
{
    public const string HostName = "mx.example.com";

    public TestModel(string text, string path = "main.cf", MtaKind mta = MtaKind.Postfix)
    {
        File = new SourceFile(path, text);
        Mta = mta;
    }

    public SourceFile File { get; }

    public MtaKind Mta { get; }

    public List<Service> Services { get; } = [];

    public ClientTls? ClientTls { get; set; }

    public List<SettingAssignment> Assignments { get; } = [];

    public List<ValueReference> References { get; } = [];

    public List<DeprecatedSetting> Deprecated { get; } = [];

    public List<string> KnownSettingNames { get; } = [];

    /// <summary>The setting <paramref name="name"/> as written in the file (its last assignment), else its default.</summary>
    public ConfigValue Setting(string name, string defaultRaw = "")
    {
        var match = Assignment(name).Cast<Match>().LastOrDefault();
        if (match is null)
        {
            return new ConfigValue(name, defaultRaw, null, null, new LineEditor(File));
        }

        var value = match.Groups["value"];
        return new ConfigValue(name, value.Value, File.Span(value.Index, value.Length), File.Span(match.Index, match.Length), new LineEditor(File));
    }

    /// <summary>Every <c>name = value</c> line of the file as an assignment in scope <c>main.cf</c>.</summary>
    public TestModel WithAssignments(Func<string, bool> isKnown)
    {
        foreach (Match m in Line().Matches(File.Text))
        {
            var name = m.Groups["name"];
            var end = m.Index + m.Length;
            if (end < File.Text.Length && File.Text[end] == '\n')
            {
                end++;
            }

            Assignments.Add(new SettingAssignment(name.Value, "main.cf", File.Span(name.Index, name.Length),
                File.Span(m.Index, end - m.Index), isKnown(name.Value), m.Groups["value"].Value));
        }

        return this;
    }

    /// <summary>A banner for <paramref name="setting"/>, split into parts the way a dialect would (see <see cref="BannerParts"/>).</summary>
    public Banner Banner(ConfigValue setting, string recommendedRaw = "$myhostname ESMTP", bool mtaInsertsEsmtp = false) =>
        new(setting, BannerParts(setting), recommendedRaw, mtaInsertsEsmtp);

    /// <summary>
    /// <c>$myhostname</c> → host name, <c>$mail_name</c> → product "Postfix", <c>$mail_version</c> →
    /// version "3.7.11", <c>$tod_full</c> → a date, <c>$ESMTP_INSERTED</c> → inserted " ESMTP",
    /// other <c>$name</c> → dynamic, the rest literal words and blanks, each with its span.
    /// </summary>
    public static IReadOnlyList<BannerPart> BannerParts(ConfigValue setting)
    {
        var parts = new List<BannerPart>();
        var offset = setting.ValueSpan?.Span.Start;
        foreach (Match m in BannerToken().Matches(setting.Raw))
        {
            var span = offset is { } o && setting.ValueSpan is { } vs ? vs.File.Span(o + m.Index, m.Length) : null;
            var (kind, rendered) = m.Value switch
            {
                "$myhostname" => (BannerPartKind.Hostname, HostName),
                "$mail_name" => (BannerPartKind.Product, "Postfix"),
                "$mail_version" => (BannerPartKind.Version, "3.7.11"),
                "$tod_full" => (BannerPartKind.Timestamp, "Sun, 22 Nov 2026 03:22:41 +0000"),
                "$ESMTP_INSERTED" => (BannerPartKind.Inserted, " ESMTP"),
                var v when v.StartsWith('$') => (BannerPartKind.Dynamic, "dynamic"),
                var v => (BannerPartKind.Literal, v),
            };
            parts.Add(new BannerPart(kind == BannerPartKind.Inserted ? string.Empty : m.Value, rendered, kind, kind == BannerPartKind.Inserted ? null : span));
        }

        return parts;
    }

    public ServiceSpec Service(string bannerSetting = "smtpd_banner", string defaultBanner = "$myhostname ESMTP $mail_name") =>
        new(this, Banner(Setting(bannerSetting, defaultBanner)));

    /// <summary>What the dialect's extractor would say of an unknown name (the Postfix extractor's text by default).</summary>
    public string UnknownSettingConsequence { get; set; } = "Postfix does not know it and ignores it";

    public MtaConfig Build() => new()
    {
        Mta = Mta,
        UnknownSettingConsequence = UnknownSettingConsequence,
        Files = [File],
        Services = Services.ToArray(),
        ClientTls = ClientTls,
        Assignments = Assignments.ToArray(),
        References = References.ToArray(),
        Deprecated = Deprecated.ToArray(),
        KnownSettingNames = new SettingNames(null, KnownSettingNames.ToArray()),
    };

    /// <summary>The findings of <paramref name="rule"/> on the model.</summary>
    public IReadOnlyList<Finding> Check(IRule rule) => rule.Check(Build()).ToArray();

    /// <summary>The file's text after applying <paramref name="fix"/>.</summary>
    public static string Apply(Fix fix) => Fixer.Apply([fix.Edits[0].File], fix.Edits).Single().Text;

    private MatchCollection Assignment(string name) =>
        new Regex($@"^(?<name>{Regex.Escape(name)})[ \t]*=[ \t]*(?<value>[^\n]*?)[ \t]*$", RegexOptions.Multiline).Matches(File.Text);

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?<value>[^\n]*?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Line();

    [GeneratedRegex(@"\$[A-Za-z_]+|[ \t]+|[^ \t$]+")]
    private static partial Regex BannerToken();
}

/// <summary>A listener with every policy clean (TLS offered with a certificate, no AUTH, VRFY/EXPN off, relay closed); tests spoil one thing.</summary>
internal sealed class ServiceSpec(TestModel model, Banner banner)
{
    public string Name { get; set; } = "smtp";

    public int? Port { get; set; } = 25;

    public bool LocalOnly { get; set; }

    public bool ExpectsImplicitTls { get; set; }

    public Banner Banner { get; set; } = banner;

    public ServerTls Tls { get; set; } = new()
    {
        Level = TlsLevel.Opportunistic,
        LevelSetting = model.Setting("smtpd_tls_security_level", "may"),
        OpportunisticRaw = "may",
        HasCertificate = true,
    };

    public AuthPolicy Auth { get; set; } = new() { Offered = false, RequiresTls = false };

    public CommandPolicy Vrfy { get; set; } = new() { Enabled = false, Setting = model.Setting("disable_vrfy_command", "yes") };

    public CommandPolicy Expn { get; set; } = new() { Enabled = false, Setting = model.Setting("expn_off", "yes") };

    public RelayPolicy Relay { get; set; } = new() { TrustedNetworks = [new TrustedNetwork("127.0.0.0/8", false, null)], RestrictsUnauthorizedDestinations = true };

    public ServiceSpec With(Action<ServiceSpec> change)
    {
        change(this);
        return this;
    }

    public TestModel Add()
    {
        model.Services.Add(new Service
        {
            Name = Name,
            Port = Port,
            LocalOnly = LocalOnly,
            ExpectsImplicitTls = ExpectsImplicitTls,
            Banner = Banner,
            Tls = Tls,
            Auth = Auth,
            Vrfy = Vrfy,
            Expn = Expn,
            Relay = Relay,
        });
        return model;
    }
}

/// <summary>Writes <c>name = value</c> lines: replaces the value, or appends a line at the end of the file.</summary>
internal sealed class LineEditor(SourceFile file) : ISettingEditor
{
    public TextEdit Set(ConfigValue value, string newRaw) =>
        value.ValueSpan is { } span
            ? TextEdit.Replace(span, newRaw)
            : TextEdit.Insert(file, file.Text.Length, $"{value.Name} = {newRaw}\n");

    public string Describe(string name, string raw) => $"{name} = {raw}";
}
