using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// What <c>mtalint show</c> prints of a config that read files outside the linted tree: a value set
/// in such a file is <see cref="OutsideTextMask.Placeholder"/>, and any other text goes through the
/// mask of those files (a banner that uses a macro defined there). The same rule as
/// <see cref="TreeRedaction"/> for findings.
/// </summary>
public sealed class ModelRedaction
{
    private readonly HashSet<string> _outsidePaths;
    private readonly HashSet<string> _outsideSettings;
    private readonly OutsideTextMask? _mask;

    private ModelRedaction(HashSet<string> outsidePaths, HashSet<string> outsideSettings, OutsideTextMask? mask)
    {
        _outsidePaths = outsidePaths;
        _outsideSettings = outsideSettings;
        _mask = mask;
    }

    /// <summary>Shows everything as it is: the config read nothing outside the tree.</summary>
    public static ModelRedaction None { get; } = new([], [], null);

    /// <param name="read">Every file the config's analysis read: its own and those they include.</param>
    public static ModelRedaction For(MtaConfig config, TreeRedaction redaction, IEnumerable<SourceFile> read)
    {
        var files = read.ToArray();
        var outside = redaction.Outside(new UnitReport([], [], []), files);
        if (outside.Count == 0)
        {
            return None;
        }

        var paths = outside.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var settings = config.Assignments.Where(a => paths.Contains(a.NameSpan.File.Path)).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return new ModelRedaction(paths, settings, new OutsideTextMask(outside.Select(f => f.Text)));
    }

    /// <summary>A setting's raw value as <c>show</c> prints it.</summary>
    public string Value(ConfigValue value) =>
        value.ValueSpan is { } span && _outsidePaths.Contains(span.File.Path) ? OutsideTextMask.Placeholder : Text(value.Raw);

    /// <summary>An entry of the effective settings (which carry no position: the name tells where it was set).</summary>
    public string Setting(string name, string value) => _outsideSettings.Contains(name) ? OutsideTextMask.Placeholder : Text(value);

    /// <summary>Text derived from the config (a rendered banner, a network).</summary>
    public string Text(string text) => _mask?.Apply(text) ?? text;

    /// <summary>Text derived from <paramref name="setting"/>: withheld whole when the setting is set outside the tree.</summary>
    public string From(ConfigValue setting, string text) =>
        setting.ValueSpan is { } span && _outsidePaths.Contains(span.File.Path) ? OutsideTextMask.Placeholder : Text(text);
}
