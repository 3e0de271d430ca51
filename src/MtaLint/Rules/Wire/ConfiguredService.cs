using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>Finds, in the config given with <c>--compare</c>, the listener the probe talked to.</summary>
internal static class ConfiguredService
{
    /// <summary>
    /// The configured service on the probed port (the first one when several listen there); else the
    /// public MX listener, since firewalls often forward port 25 to another port; null when neither exists.
    /// </summary>
    public static Service? For(ObservedSession session) =>
        session.Configured?.Services.FirstOrDefault(s => s.Port == session.Port && !s.LocalOnly)
        ?? session.Configured?.Services.FirstOrDefault(s => s.Port == session.Port)
        ?? session.Configured?.Services.FirstOrDefault(s => s.IsPublicMx);

    /// <summary>Where a configured value is, for notes: <c>main.cf:12:16</c>, or "the default".</summary>
    public static string Where(ConfigValue value) =>
        value.SettingSpan is { } span ? $"{span.File.Path}:{span.Start}" : $"{value.Name} is the default";
}
