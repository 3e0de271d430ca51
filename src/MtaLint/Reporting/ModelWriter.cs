using System.Text;
using System.Text.Json;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// <c>mtalint show</c>: the common model as extracted, one entry per config unit. The JSON form
/// is what oracle tests compare with the real MTAs (<c>settings</c> with <c>postconf -n</c>,
/// <c>banner.rendered</c> with <c>postconf -x smtpd_banner</c>).
/// </summary>
public abstract class ModelWriter
{
    public static ModelWriter Create(string format, TextWriter output) => format.ToLowerInvariant() switch
    {
        "json" => new JsonModelWriter(output),
        _ => new TextModelWriter(output),
    };

    public static IReadOnlyList<string> Formats { get; } = ["text", "json"];

    /// <param name="paths">The unit's files; the first is the one the entry is named after (main.cf before master.cf).</param>
    /// <param name="redaction">What to withhold of files outside the linted tree; null: nothing.</param>
    public abstract void Write(IReadOnlyList<string> paths, string dialect, MtaConfig config, ModelRedaction? redaction = null);

    public abstract void Finish();

    /// <summary>The service whose banner the entry shows at top level: the public MX listener, else the first.</summary>
    protected static Service? PrimaryService(MtaConfig config) =>
        config.Services.FirstOrDefault(s => s.IsPublicMx) ?? config.Services.FirstOrDefault();

    internal static string LevelName(TlsLevel level) => level switch
    {
        TlsLevel.None => "none",
        TlsLevel.Opportunistic => "opportunistic",
        TlsLevel.Mandatory => "mandatory",
        TlsLevel.Refused => "refused",
        _ => "implicit",
    };

    internal static string Origin(ConfigValue value) =>
        value.ValueSpan is { } span ? $"{EscapedPath.Of(span.File.Path)}:{span.Start}" : "default";
}

internal sealed class JsonModelWriter : ModelWriter
{
    private readonly TextWriter _output;
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _json;

    public JsonModelWriter(TextWriter output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, JsonFormatter.WriterOptions);
        _json.WriteStartObject();
        _json.WriteNumber("version", JsonFormatter.SchemaVersion);
        _json.WriteStartArray("files");
    }

    private TemplateFacts? _template;

    public override void Write(IReadOnlyList<string> paths, string dialect, MtaConfig config, ModelRedaction? redaction = null)
    {
        var r = redaction ?? ModelRedaction.None;
        _template = config.Template;
        var j = _json;
        j.WriteStartObject();
        j.WriteString("path", paths[0]);
        j.WriteString("mta", dialect);
        j.WriteStartArray("paths");
        foreach (var p in paths)
        {
            j.WriteStringValue(p);
        }

        j.WriteEndArray();
        j.WriteStartObject("settings");
        foreach (var (name, value) in config.EffectiveSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            j.WriteString(name, r.Setting(name, value));
        }

        j.WriteEndObject();
        if (PrimaryService(config) is { } primary)
        {
            WriteBanner(j, primary.Banner, r);
        }
        else
        {
            j.WriteNull("banner");
        }

        j.WriteStartArray("services");
        foreach (var s in config.Services)
        {
            WriteService(j, s, r);
        }

        j.WriteEndArray();
        if (config.ClientTls is { } client)
        {
            j.WriteStartObject("clientTls");
            j.WriteString("level", LevelName(client.Level));
            WriteSetting(j, "setting", client.LevelSetting, r);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("clientTls");
        }

        j.WriteEndObject();
        Drain();
    }

    public override void Finish()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        Drain();
        _output.WriteLine();
        _json.Dispose();
    }

    private static void WriteBanner(Utf8JsonWriter j, Banner banner, ModelRedaction r)
    {
        j.WriteStartObject("banner");
        j.WriteString("setting", banner.Setting.Name);
        j.WriteString("raw", r.Value(banner.Setting));
        j.WriteString("rendered", r.From(banner.Setting, banner.Rendered));
        j.WriteEndObject();
    }

    private static void WriteSetting(Utf8JsonWriter j, string property, ConfigValue? value, ModelRedaction r)
    {
        if (value is null)
        {
            j.WriteNull(property);
            return;
        }

        j.WriteStartObject(property);
        j.WriteString("name", value.Name);
        j.WriteString("raw", r.Value(value));
        j.WriteBoolean("default", value.IsDefault);
        j.WriteEndObject();
    }

    private static void WriteService(Utf8JsonWriter j, Service s, ModelRedaction r)
    {
        j.WriteStartObject();
        j.WriteString("name", r.Text(s.Name));
        if (s.Port is { } port)
        {
            j.WriteNumber("port", port);
        }
        else
        {
            j.WriteNull("port");
        }

        j.WriteBoolean("localOnly", s.LocalOnly);
        j.WriteBoolean("implicitTls", s.ExpectsImplicitTls);
        WriteBanner(j, s.Banner, r);
        j.WriteStartObject("tls");
        j.WriteString("level", LevelName(s.Tls.Level));
        WriteSetting(j, "setting", s.Tls.LevelSetting, r);
        j.WriteBoolean("hasCertificate", s.Tls.HasCertificate);
        WriteSetting(j, "certificate", s.Tls.Certificate, r);
        WriteSetting(j, "privateKey", s.Tls.PrivateKey, r);
        j.WriteEndObject();
        j.WriteStartObject("auth");
        j.WriteBoolean("offered", s.Auth.Offered);
        j.WriteBoolean("requiresTls", s.Auth.RequiresTls);
        j.WriteEndObject();
        j.WriteBoolean("vrfy", s.Vrfy.Enabled);
        j.WriteBoolean("expn", s.Expn.Enabled);
        j.WriteStartObject("relay");
        j.WriteBoolean("restrictsUnauthorizedDestinations", s.Relay.RestrictsUnauthorizedDestinations);
        j.WriteBoolean("promiscuous", s.Relay.PromiscuousBy is not null);
        j.WriteStartArray("trustedNetworks");
        foreach (var n in s.Relay.TrustedNetworks)
        {
            j.WriteStringValue(r.Text(n.Text));
        }

        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteEndObject();
    }

    private void Drain()
    {
        _json.Flush();
        // Flushed after whole tokens, so a surrogate pair is never cut; bidirectional controls escaped (UnsafeChars).
        var written = Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        _output.Write(Text.UnsafeChars.EscapedInJson(_template?.ShownInJson(written) ?? written));
        _buffer.SetLength(0);
    }
}

internal sealed class TextModelWriter(TextWriter output) : ModelWriter
{
    private bool _first = true;

    private TemplateFacts? _template;

    public override void Write(IReadOnlyList<string> paths, string dialect, MtaConfig config, ModelRedaction? redaction = null)
    {
        var r = redaction ?? ModelRedaction.None;
        _template = config.Template;
        if (!_first)
        {
            output.WriteLine();
        }

        _first = false;
        Line($"{string.Join(", ", paths.Select(EscapedPath.Of))} ({dialect})");
        Line("  settings:");
        if (config.EffectiveSettings.Count == 0)
        {
            Line("    (none)");
        }

        foreach (var (name, value) in config.EffectiveSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            Line($"    {name} = {r.Setting(name, value)}");
        }

        Line("  services:");
        foreach (var s in config.Services)
        {
            Line($"    {r.Text(s.DisplayName)}{(s.LocalOnly ? ", loopback only" : string.Empty)}{(s.ExpectsImplicitTls ? ", implicit TLS" : string.Empty)}");
            Line($"      banner:      {s.Banner.Setting.Name} = {r.Value(s.Banner.Setting)}  ({Origin(s.Banner.Setting)})");
            foreach (var line in s.Banner.ShownReplyLines)
            {
                Line($"      clients see: {r.From(s.Banner.Setting, line)}");
            }

            Line($"      tls:         {LevelName(s.Tls.Level)}  ({s.Tls.LevelSetting.Name} = {r.Value(s.Tls.LevelSetting)}, {Origin(s.Tls.LevelSetting)})");
            Line($"      certificate: {(s.Tls.HasCertificate ? s.Tls.Certificate is { } certificate ? r.Value(certificate) : "built in" : "none")}");
            Line($"      auth:        {(s.Auth.Offered ? s.Auth.RequiresTls ? "offered after STARTTLS only" : "offered, also without TLS" : "not offered")}");
            Line($"      vrfy:        {(s.Vrfy.Enabled ? "answered" : "disabled")}");
            Line($"      expn:        {(s.Expn.Enabled ? "answered" : "disabled")}");
            var networks = s.Relay.TrustedNetworks.Count == 0 ? "none" : string.Join(" ", s.Relay.TrustedNetworks.Select(n => r.Text(n.Text)));
            Line($"      relay:       trusted {networks}; {(s.Relay.RestrictsUnauthorizedDestinations ? "other clients only to local domains" : "OPEN to other destinations")}{(s.Relay.PromiscuousBy is { } p ? $" (promiscuous: {p.Name})" : string.Empty)}");
        }

        if (config.ClientTls is { } client)
        {
            Line($"  outbound tls: {LevelName(client.Level)}  ({client.LevelSetting.Name} = {r.Value(client.LevelSetting)}, {Origin(client.LevelSetting)})");
        }
    }

    public override void Finish()
    {
    }

    /// <summary>Every line holds config text (values, names, banners): none of it may drive the terminal (<see cref="UnsafeChars"/>).</summary>
    private void Line(string text) => output.WriteLine(UnsafeChars.Replaced(_template?.Shown(text) ?? text));
}
