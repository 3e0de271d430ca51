using MtaLint.Rules.Banners;

namespace MtaLint.Rules;

/// <summary>
/// Rules that check a project's own policy from <c>.mtalint.yaml</c> (MTA110). In the catalog with an
/// empty policy, which reports nothing; <see cref="Policy.ProjectConfig.BuildRuleSet"/> gives them the real one.
/// </summary>
internal static class PolicyRules
{
    public static IEnumerable<IRule> Create() => [new Mta110BannerPolicy()];
}
