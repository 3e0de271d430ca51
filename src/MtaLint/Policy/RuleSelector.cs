using MtaLint.Engine;
using MtaLint.Rules;
using MtaLint.Rules.Settings;

namespace MtaLint.Policy;

/// <summary>
/// One entry of <c>--select</c>, <c>--ignore</c>, <c>--extend-select</c> or of <c>.mtalint.yaml</c>'s
/// <c>enable:</c>/<c>disable:</c>: a rule id (<c>MTA102</c>), a rule name (<c>banner-os</c>), an id
/// prefix (<c>MTA1</c>, <c>MTA</c>) or <c>ALL</c>, in any case.
/// </summary>
/// <param name="Text">As the user wrote it, for messages.</param>
/// <param name="Ids">The rules it names.</param>
/// <param name="Specificity">How narrow it is: where selectors disagree about a rule, the narrower one wins (ruff's rule); <see cref="OneRule"/> for an id or a name.</param>
public sealed record RuleSelector(string Text, IReadOnlyList<string> Ids, int Specificity)
{
    /// <summary>The specificity of a selector that names one rule.</summary>
    public const int OneRule = int.MaxValue;

    /// <summary>True for an id or a name, false for a prefix.</summary>
    public bool IsOneRule => Specificity == OneRule;
}

/// <summary>
/// The rules a selector can name: their ids and names. Syntax errors (MTA000) are not among them:
/// a file that cannot be read is always reported.
/// </summary>
public sealed class RuleNames
{
    private const string IdPrefix = "MTA";

    private readonly string[] _ids;
    private readonly Dictionary<string, string> _idByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _idSet = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="ids">The rule ids; each rule's name comes from its doc (a rule without a doc has none).</param>
    public RuleNames(IEnumerable<string> ids)
        : this(ids, selectable: true)
    {
    }

    /// <param name="selectable">Names for a selection: MTA000 is left out (a file that cannot be read is always reported).</param>
    private RuleNames(IEnumerable<string> ids, bool selectable)
    {
        _ids = ids.Where(id => !selectable || id != Linter.SyntaxErrorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var id in _ids)
        {
            _idSet.Add(id);
            if (RuleDocs.ById.TryGetValue(id, out var doc))
            {
                _idByName[doc.Name] = id;
            }
        }
    }

    /// <summary>Every rule mtalint ships (their docs and the catalog).</summary>
    public static RuleNames Catalog => CatalogNames.Value;

    private static readonly Lazy<RuleNames> CatalogNames = new(() => new RuleNames(RuleDocs.ById.Keys.Concat(RuleCatalog.All.Select(r => r.Id))));

    /// <summary>Every rule with a doc, MTA000 included: what <c>mtalint explain</c> shows (not a selection: MTA000 cannot be chosen).</summary>
    public static RuleNames Documented => DocumentedNames.Value;

    private static readonly Lazy<RuleNames> DocumentedNames = new(() => new RuleNames(RuleDocs.ById.Keys, selectable: false));

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id of a rule named by its id or name (any case), or null.</summary>
    public string? IdOf(string idOrName)
    {
        var text = idOrName.Trim();
        return _idSet.TryGetValue(text, out var id) ? id : _idByName.GetValueOrDefault(text);
    }

    /// <summary>The name of a rule, or its id when it has no doc.</summary>
    public static string NameOf(string id) => RuleDocs.ById.TryGetValue(id, out var doc) ? doc.Name : id;

    /// <summary>Reads a selector; null with <paramref name="problem"/> saying why (with a "did you mean") when it names no rule.</summary>
    public RuleSelector? Parse(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (IdOf(trimmed) is { } id)
        {
            return new RuleSelector(text, [id], RuleSelector.OneRule);
        }

        if (string.Equals(trimmed, "ALL", StringComparison.OrdinalIgnoreCase))
        {
            return new RuleSelector(text, _ids, 0);
        }

        if (trimmed.StartsWith(IdPrefix, StringComparison.OrdinalIgnoreCase) && trimmed[IdPrefix.Length..].All(char.IsAsciiDigit))
        {
            var matching = _ids.Where(i => i.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (matching.Length > 0)
            {
                return new RuleSelector(text, matching, trimmed.Length - IdPrefix.Length);
            }
        }

        problem = DidYouMean(trimmed) is { } meant
            ? $"'{text}' is not a rule mtalint knows; did you mean {meant}?"
            : $"'{text}' is not a rule mtalint knows: name rules by id (MTA102), name (banner-os) or id prefix (MTA1); 'mtalint rules' lists them";
        return null;
    }

    /// <summary>The rules closest to a misspelt id or name, as <c>MTA107 (banner-personal)</c>; null when none is close.</summary>
    public string? DidYouMean(string text)
    {
        var candidates = new NameSuggestions(_ids.Concat(_idByName.Keys)).For(text.Trim());
        if (candidates.Count == 0)
        {
            return null;
        }

        var rules = candidates.Select(IdOf).OfType<string>().Distinct(StringComparer.Ordinal).Take(3)
            .Select(id => NameOf(id) == id ? id : $"{id} ({NameOf(id)})").ToArray();
        return rules.Length == 1 ? rules[0] : string.Join(", ", rules[..^1]) + " or " + rules[^1];
    }
}

/// <summary>
/// One layer of rule selection: <c>.mtalint.yaml</c>'s, then the command line's. Resolved as ruff
/// resolves <c>select</c>, <c>extend-select</c> and <c>ignore</c>: layers apply in order; a layer with
/// <c>select</c> starts again from what it selects, one without adds and removes on top of the layer
/// before; within a layer, narrower selectors win over broader ones (<c>--ignore MTA1
/// --extend-select MTA101</c> keeps MTA101) and, equally narrow, <c>ignore</c> wins.
/// </summary>
/// <param name="Select">Replaces the rules selected so far; null when not given.</param>
public sealed record RuleSelection(IReadOnlyList<RuleSelector>? Select, IReadOnlyList<RuleSelector> ExtendSelect, IReadOnlyList<RuleSelector> Ignore)
{
    public static RuleSelection None { get; } = new(null, [], []);

    public bool IsEmpty => Select is null && ExtendSelect.Count == 0 && Ignore.Count == 0;

    /// <summary>The rules that run: <paramref name="defaults"/> changed by each layer in turn.</summary>
    public static IReadOnlySet<string> Resolve(IEnumerable<string> defaults, params IEnumerable<RuleSelection> layers)
    {
        var selected = new HashSet<string>(defaults, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (layer.IsEmpty)
            {
                continue;
            }

            // Broadest first, so that a narrower selector overwrites what a broader one said about a rule.
            var updates = new Dictionary<string, bool>(StringComparer.Ordinal);
            var enabling = (layer.Select ?? []).Concat(layer.ExtendSelect).Select(s => (Selector: s, On: true));
            var disabling = layer.Ignore.Select(s => (Selector: s, On: false));
            foreach (var (selector, on) in enabling.Concat(disabling).OrderBy(e => e.Selector.Specificity).ThenBy(e => e.On ? 0 : 1))
            {
                foreach (var id in selector.Ids)
                {
                    updates[id] = on;
                }
            }

            if (layer.Select is not null)
            {
                selected = updates.Where(u => u.Value).Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
                continue;
            }

            foreach (var (id, on) in updates)
            {
                if (on)
                {
                    selected.Add(id);
                }
                else
                {
                    selected.Remove(id);
                }
            }
        }

        return selected;
    }
}
