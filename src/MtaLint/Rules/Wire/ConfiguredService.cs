using MtaLint.Model;

namespace MtaLint.Rules.Wire;

/// <summary>Finds, in the config given with <c>--compare</c>, the listener the probe talked to.</summary>
internal static class ConfiguredService
{
    /// <summary>The configured service on the probed port (the first one when several listen there); null when none does.</summary>
    public static Service? For(ObservedSession session) =>
        session.Configured?.Services.FirstOrDefault(s => s.Port == session.Port && !s.LocalOnly)
        ?? session.Configured?.Services.FirstOrDefault(s => s.Port == session.Port);

    /// <summary>Where a configured value is, for notes: <c>main.cf:12:16</c>, or "the default".</summary>
    public static string Where(ConfigValue value) =>
        value.SettingSpan is { } span ? $"{span.File.Path}:{span.Start}" : $"{value.Name} is the default";
}
