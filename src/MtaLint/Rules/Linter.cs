using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules;

/// <summary>Which rules run and at what severity (defaults from the rule docs, overridden by policy).</summary>
public sealed class RuleSet
{
    private readonly IReadOnlyDictionary<string, Severity> _severities;
    private readonly IReadOnlyDictionary<string, Severity> _overrides;

    /// <param name="severityOverrides">Severities the policy sets for rules (the others keep their docs' default).</param>
    public RuleSet(IEnumerable<IRule> rules, IReadOnlyDictionary<string, Severity>? severityOverrides = null)
    {
        Rules = rules.ToArray();
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (severityOverrides is not null && severityOverrides.TryGetValue(rule.Id, out var s))
            {
                severities[rule.Id] = s;
                overrides[rule.Id] = s;
            }
            else
            {
                severities[rule.Id] = RuleDocs.Get(rule.Id).DefaultSeverity;
            }
        }

        _severities = severities;
        _overrides = overrides;
    }

    /// <summary>Every rule that is on by default.</summary>
    public static RuleSet Default { get; } = new(RuleCatalog.All.Where(r => RuleDocs.Get(r.Id).EnabledByDefault));

    public IReadOnlyList<IRule> Rules { get; }

    public Severity SeverityOf(string id) => _severities[id];

    /// <summary>The severity the policy set for the rule; null when it keeps its default.</summary>
    public Severity? OverrideOf(string id) => _overrides.TryGetValue(id, out var s) ? s : null;

    /// <summary>A finding's severity: the policy's for its rule, else the finding's own, else the rule's default.</summary>
    public Severity SeverityOf(string id, Finding finding) => OverrideOf(id) ?? finding.Severity ?? _severities[id];
}

/// <summary>The findings on one config unit.</summary>
/// <param name="Files">The files as read (or as fixed): the unit's files, then the files they include.</param>
/// <param name="Config">The model; null when the files could not be parsed.</param>
public sealed record LintResult(IReadOnlyList<SourceFile> Files, MtaConfig? Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>How the unit was read, for the report to say once (<see cref="AnalysisResult.Remarks"/>).</summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>
    /// Every file the dialect read beyond the unit's own (<see cref="AnalysisResult.Included"/>): those
    /// <see cref="Files"/> hold after the unit's, and those it found on its own (a report must not quote
    /// one outside the linted tree).
    /// </summary>
    public IReadOnlyList<SourceFile> Included { get; init; } = [];
}

/// <summary>Runs a dialect and the rules over one unit: Syntax → Model → Rules (→ <paramref name="filter"/>).</summary>
public sealed class Linter(RuleSet rules, AnalysisOptions options, IDiagnosticFilter? filter = null)
{
    /// <summary>Rule id of syntax errors: input the dialect cannot read.</summary>
    public const string SyntaxErrorId = "MTA000";

    public RuleSet Rules => rules;

    public AnalysisOptions Options => options;

    /// <param name="files">The files the MTA is given.</param>
    /// <param name="included">Files they include, as read or fixed (the dialect reads others from disk).</param>
    public LintResult Lint(IDialect dialect, IReadOnlyList<SourceFile> files, IReadOnlyList<SourceFile>? included = null)
    {
        included ??= [];
        var analysis = dialect.Analyze(files, included.Count == 0 ? options : options with { Included = included });
        var diagnostics = new List<Diagnostic>();
        foreach (var error in analysis.Errors)
        {
            diagnostics.Add(new Diagnostic(SyntaxErrorId, "syntax-error", Severity.Error, Finding.At(error.Location, error.Message)));
        }

        if (analysis.Config is { } config)
        {
            foreach (var rule in rules.Rules)
            {
                var name = RuleDocs.ById.TryGetValue(rule.Id, out var doc) ? doc.Name : rule.Id;
                var textOnly = doc?.JudgesTextOnly ?? false;
                foreach (var finding in rule.Check(config))
                {
                    diagnostics.Add(new Diagnostic(rule.Id, name, rules.SeverityOf(rule.Id, finding), config.Gaps.Count == 0 || textOnly ? finding : Unsettled(finding, config.Gaps)));
                }
            }
        }

        var result = new LintResult(included.Count == 0 ? files : [.. files, .. included], analysis.Config, diagnostics)
        {
            Remarks = analysis.Remarks,
            Included = analysis.Included,
        };
        if (filter is null)
        {
            DiagnosticOrder.Sort(diagnostics);
            return result;
        }

        // A filter takes the findings in any order; what it returns is sorted once.
        var filtered = filter.Filter(result, rules).ToList();
        DiagnosticOrder.Sort(filtered);
        return result with { Diagnostics = filtered };
    }

    /// <summary>
    /// A finding on a config read without some of its parts: the missing part could set, override or
    /// define what the rule judged, so the finding says so and its fix is withheld.
    /// </summary>
    private static Finding Unsettled(Finding finding, IReadOnlyList<ConfigGap> gaps)
    {
        var what = gaps.Count == 1 ? gaps[0].What : $"{gaps[0].What} and {gaps.Count - 1} more";
        var note = $"part of the config could not be read ({what}): this holds only if it changes nothing here{(finding.Fix is null ? string.Empty : "; not fixed")}";
        return finding with { Notes = [.. finding.Notes, note], Fix = null };
    }
}

/// <summary>Deterministic order: by file, then position (file-level findings first), then rule id.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static DiagnosticOrder Instance { get; } = new();

    /// <summary>
    /// Sorts <paramref name="diagnostics"/> in this order, ties (equal in every key) kept in the order
    /// they came. By keys gathered once: comparing through each finding's file and location was most
    /// of sorting a file's 75,000 findings (a pointer chase per key per comparison).
    /// </summary>
    public static void Sort(List<Diagnostic> diagnostics)
    {
        if (diagnostics.Count < 2)
        {
            return;
        }

        var keys = new Key[diagnostics.Count];
        var items = diagnostics.ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = Key.Of(items[i], i);
        }

        Array.Sort(keys, items, KeyOrder.Instance);
        diagnostics.Clear();
        diagnostics.AddRange(items);
    }

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        return KeyOrder.Instance.Compare(Key.Of(x, 0), Key.Of(y, 0));
    }

    /// <summary>What the order reads of a finding, and where it stood (for ties).</summary>
    private readonly record struct Key(string Path, int Start, string RuleId, string Message, int Index)
    {
        public static Key Of(Diagnostic d, int index) => new(d.Path, d.Finding.Location?.Span.Start ?? -1, d.RuleId, d.Message, index);
    }

    private sealed class KeyOrder : IComparer<Key>
    {
        public static KeyOrder Instance { get; } = new();

        public int Compare(Key x, Key y)
        {
            var c = ReferenceEquals(x.Path, y.Path) ? 0 : string.CompareOrdinal(x.Path, y.Path);
            if (c == 0)
            {
                c = x.Start.CompareTo(y.Start);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.RuleId, y.RuleId);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.Message, y.Message);
            }

            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
