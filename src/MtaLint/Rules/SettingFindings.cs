using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules;

/// <summary>Findings about a setting: at its text when it is written, else in the file a fix would edit.</summary>
internal static class SettingFindings
{
    public static Finding At(MtaConfig config, ConfigValue? setting, string message, Fix? fix, params IEnumerable<string> notes) =>
        At(config, setting?.SettingSpan, message, fix, notes);

    public static Finding At(MtaConfig config, SourceSpan? span, string message, Fix? fix, params IEnumerable<string> notes)
    {
        fix = Applicable(config, fix);
        var lines = notes.ToArray();
        if (span is not null)
        {
            return new Finding(span.File, span, message, lines, fix);
        }

        return new Finding(FileFor(config, fix), null, message, lines, fix);
    }

    /// <summary>
    /// The fix, unless it edits a file outside the config being linted (a dialect's default
    /// insertion point in a file that is not there, such as main.cf when only master.cf is linted):
    /// such an edit could never be applied, and the fixer would offer it forever.
    /// </summary>
    public static Fix? Applicable(MtaConfig config, Fix? fix) =>
        fix is not null && fix.Edits.All(e => config.Files.Any(f => f.Path == e.File.Path)) ? fix : null;

    /// <summary>The file a finding without a span belongs to: the one its fix edits, else where the config's unwritten settings belong.</summary>
    public static SourceFile FileFor(MtaConfig config, Fix? fix) =>
        fix?.Edits.FirstOrDefault()?.File
        ?? config.SettingsFile
        ?? config.Files.FirstOrDefault()
        ?? new SourceFile(config.Mta.ToString().ToLowerInvariant(), string.Empty); // a model with no files (a probe that kept none)

    /// <summary>How a setting stands, for a note: <c>smtpd_tls_security_level is not set (default: none)</c> or its assignment.</summary>
    public static string Describe(ConfigValue value)
    {
        if (!value.IsDefault)
        {
            return value.DescribeAssignment(value.Raw);
        }

        return value.Raw.Length == 0 ? $"{value.Name} is not set" : $"{value.Name} is not set (default: {value.Raw})";
    }

    /// <summary>The listeners, for a message: <c>port 25 (smtp), port 587 (submission)</c>.</summary>
    public static string Names(IEnumerable<Service> services) => string.Join(", ", services.Select(s => s.DisplayName));

    /// <summary>
    /// Groups listeners by the setting that decides something for them, so that one setting shared
    /// by several listeners (a main.cf parameter without master.cf overrides) is one finding.
    /// </summary>
    public static IEnumerable<IGrouping<SettingKey, Service>> BySetting(IEnumerable<Service> services, Func<Service, ConfigValue?> setting) =>
        services.GroupBy(s => SettingKey.Of(setting(s)));

    /// <summary>
    /// One fix for a finding shared by several listeners: the edits each listener needs, without
    /// duplicates. A main.cf parameter gives one edit; defaults that a dialect writes per listener
    /// (a master.cf <c>-o</c> for each service) give one per listener, so one pass fixes them all.
    /// The fix is as unsafe as its least safe part.
    /// </summary>
    public static Fix? Combine(IEnumerable<Fix?> fixes)
    {
        var all = fixes.OfType<Fix>().ToArray();
        if (all.Length == 0)
        {
            return null;
        }

        var edits = all.SelectMany(f => f.Edits).DistinctBy(e => (e.File.Path, e.Span, e.NewText)).ToArray();
        var safety = all.Any(f => f.Safety == FixSafety.Unsafe) ? FixSafety.Unsafe : FixSafety.Safe;
        return new Fix(all[0].Description, safety, edits);
    }

    /// <summary>Fixes are edits of files: a live server's findings have none.</summary>
    public static bool CanFix(MtaConfig config) => config.Mta != MtaKind.Wire;
}

/// <summary>Identifies a setting by name and where it is written (defaults by name only).</summary>
internal sealed record SettingKey(string? Name, string? Path, TextSpan? Span)
{
    public static SettingKey Of(ConfigValue? value) =>
        new(value?.Name, value?.SettingSpan?.File.Path, value?.SettingSpan?.Span);
}
