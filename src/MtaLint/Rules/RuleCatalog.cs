namespace MtaLint.Rules;

/// <summary>Every rule mtalint has, in id order. Listed by hand: no reflection at start-up.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<IRule>> Rules = new(() =>
        ConfigRules.Create().Concat(WireRules.Create()).Concat(PolicyRules.Create()).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray());

    public static IReadOnlyList<IRule> All => Rules.Value;

    public static IRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
