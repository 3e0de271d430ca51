using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Rules;

namespace MtaLint.Policy;

/// <summary>A config unit's policy: its <c>.mtalint.yaml</c> and the linter that applies it.</summary>
/// <param name="Enabled">The rules selected (config and command line), MTA001/MTA002 included.</param>
public sealed record UnitPolicy(ProjectConfig Config, Linter Linter, IReadOnlySet<string> Enabled);

/// <summary>
/// Finds the <c>.mtalint.yaml</c> for each linted path (the nearest one in the path's folder or
/// a parent, or the one given with <c>--config</c>) and builds, once per config file, the rule set
/// and the policy stage it implies. Config files are read once; a run without one never reads YAML.
/// </summary>
/// <param name="explicitConfig">The <c>--config FILE</c> path: used for every path, no search.</param>
/// <param name="baseRules">The rules before policy (the catalog's defaults, or a test's rules).</param>
/// <param name="catalog">Where rules that are off by default come from when a config enables them.</param>
/// <param name="options">Command-line analysis options; <c>--hostname</c> wins over the config's <c>hostname:</c>.</param>
/// <param name="commandLine">The rules chosen with <c>--select</c>, <c>--extend-select</c>, <c>--ignore</c>: a layer over each config's <c>enable:</c>/<c>disable:</c>.</param>
public sealed class PolicyResolver(string? explicitConfig, bool inlineIgnores, RuleSet baseRules, IEnumerable<IRule> catalog, AnalysisOptions options, RuleSelection? commandLine = null)
{
    private readonly RuleSelection _commandLine = commandLine ?? RuleSelection.None;

    private readonly Dictionary<string, ProjectConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _nearest = new(StringComparer.Ordinal);
    private readonly ProjectConfigLocator _locator = new();
    private readonly Dictionary<ProjectConfig, UnitPolicy> _policies = new(ReferenceEqualityComparer.Instance);
    private ProjectConfig? _empty;

    /// <summary>The config that governs <paramref name="path"/>. Throws <see cref="ProjectConfigException"/> for a bad config file.</summary>
    public ProjectConfig ConfigFor(string path)
    {
        var file = explicitConfig ?? Nearest(path);
        if (file is null)
        {
            return _empty ??= ProjectConfig.Empty(Directory.GetCurrentDirectory());
        }

        var full = Path.GetFullPath(file);
        if (!_configs.TryGetValue(full, out var config))
        {
            if (explicitConfig is not null && !File.Exists(full))
            {
                throw new ProjectConfigException(file, 1, 1, "no such config file");
            }

            config = ProjectConfigReader.Read(file, Names);
            _configs[full] = config;
        }

        return config;
    }

    /// <summary>The policy (config and linter) for a unit, by its first file.</summary>
    public UnitPolicy For(ConfigUnit unit) => For(ConfigFor(unit.Paths[0]));

    public UnitPolicy For(ProjectConfig config)
    {
        if (_policies.TryGetValue(config, out var policy))
        {
            return policy;
        }

        var enabled = RuleSelection.Resolve(Defaults, config.Selection, _commandLine);
        var rules = Apply(config, enabled);
        var analysis = options.Hostname is null && config.Hostname is not null ? options with { Hostname = config.Hostname } : options;
        analysis = analysis.Root is null && config.Root is not null ? analysis with { Root = config.Root } : analysis;
        var stage = config.SourcePath is null && inlineIgnores is false ? null : new PolicyStage(config, inlineIgnores, enabled);
        policy = new UnitPolicy(config, new Linter(rules, analysis, stage), enabled);
        _policies[config] = policy;
        return policy;
    }

    /// <summary>The units with excluded files left out (and units left empty dropped).</summary>
    public IReadOnlyList<ConfigUnit> WithoutExcluded(IReadOnlyList<ConfigUnit> units)
    {
        var result = new List<ConfigUnit>(units.Count);
        foreach (var unit in units)
        {
            var kept = unit.Paths.Where(p => !ConfigFor(p).IsExcluded(p)).ToArray();
            if (kept.Length == unit.Paths.Count)
            {
                result.Add(unit);
            }
            else if (kept.Length > 0)
            {
                result.Add(unit with { Paths = kept });
            }
        }

        return result;
    }

    /// <summary>The rules a policy or <c>--select</c> may name: the rules given, the catalog's, and every documented id.</summary>
    public RuleNames Names => field ??= NamesOf(baseRules, catalog);

    /// <inheritdoc cref="Names"/>
    public static RuleNames NamesOf(RuleSet baseRules, IEnumerable<IRule> catalog) =>
        new(baseRules.Rules.Select(r => r.Id).Concat(catalog.Select(r => r.Id)).Concat(RuleDocs.ById.Keys));

    /// <summary>What runs before any selection: the rules given, and the suppression checks that are on by default.</summary>
    private IReadOnlySet<string> Defaults => field ??= baseRules.Rules.Select(r => r.Id)
        .Concat(new[] { InlineSuppressions.UnusedId, InlineSuppressions.InvalidId }.Where(id => !RuleDocs.ById.TryGetValue(id, out var doc) || doc.EnabledByDefault))
        .ToHashSet(StringComparer.Ordinal);

    private RuleSet Apply(ProjectConfig config, IReadOnlySet<string> enabled)
    {
        if (config.SourcePath is null && _commandLine.IsEmpty)
        {
            return baseRules;
        }

        var inBase = baseRules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rules = baseRules.Rules
            .Concat(catalog.Where(r => !inBase.Contains(r.Id)))
            .Where(r => enabled.Contains(r.Id))
            .Select(r => r is Rules.Banners.Mta110BannerPolicy ? new Rules.Banners.Mta110BannerPolicy(config.Banner) : r)
            .ToArray();
        // Only the severities someone set: a rule left at its default lets a finding say its own (RuleSet.SeverityOf).
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if ((config.Severities.TryGetValue(rule.Id, out var s) ? s : inBase.Contains(rule.Id) ? baseRules.OverrideOf(rule.Id) : null) is { } set)
            {
                severities[rule.Id] = set;
            }
        }

        return new RuleSet(rules, severities);
    }

    private string? Nearest(string path)
    {
        if (!_nearest.TryGetValue(path, out var found))
        {
            found = _locator.Find(path);
            _nearest[path] = found;
        }

        return found;
    }
}
