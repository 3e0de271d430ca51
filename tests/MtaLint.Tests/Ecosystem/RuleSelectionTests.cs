using MtaLint.Policy;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Rule selectors (ids, names, prefixes) and how selections combine, as ruff combines <c>select</c>,
/// <c>extend-select</c> and <c>ignore</c> from its config and its command line.
/// </summary>
public sealed class RuleSelectionTests
{
    private static readonly RuleNames Names = RuleNames.Catalog;

    private static RuleSelector S(string text) => Names.Parse(text, out var problem) ?? throw new InvalidOperationException(problem);

    private static RuleSelection Layer(string[]? select = null, string[]? extend = null, string[]? ignore = null) =>
        new(select?.Select(S).ToArray(), (extend ?? []).Select(S).ToArray(), (ignore ?? []).Select(S).ToArray());

    private static readonly string[] Defaults = ["MTA001", "MTA002", "MTA101", "MTA102", "MTA103", "MTA201", "MTA301"];

    private static string[] Resolve(params RuleSelection[] layers) => RuleSelection.Resolve(Defaults, layers).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("MTA102", "MTA102")]
    [InlineData("mta102", "MTA102")]
    [InlineData("banner-os", "MTA102")]
    [InlineData("Banner-OS", "MTA102")]
    [InlineData(" MTA102 ", "MTA102")]
    public void An_id_or_a_name_in_any_case_selects_one_rule(string text, string id)
    {
        var selector = S(text);
        Assert.Equal([id], selector.Ids);
        Assert.True(selector.IsOneRule);
        Assert.Equal(text, selector.Text);
    }

    [Fact]
    public void A_prefix_selects_every_rule_it_starts_and_is_as_specific_as_its_digits()
    {
        var banner = S("MTA1");
        Assert.Contains("MTA101", banner.Ids);
        Assert.Contains("MTA110", banner.Ids);
        Assert.DoesNotContain("MTA201", banner.Ids);
        Assert.Equal(1, banner.Specificity);
        Assert.Equal(2, S("MTA10").Specificity);
        Assert.Equal(0, S("MTA").Specificity);
        Assert.Equal(S("MTA").Ids, S("ALL").Ids);
        Assert.Equal(["MTA001", "MTA002"], S("MTA0").Ids); // syntax errors (MTA000) are always reported, never selected
    }

    [Theory]
    [InlineData("MTA000", "'MTA000' is not a rule mtalint knows")]
    [InlineData("MTA9", "'MTA9' is not a rule mtalint knows: name rules by id (MTA102), name (banner-os) or id prefix (MTA1)")]
    [InlineData("banner-verison", "'banner-verison' is not a rule mtalint knows; did you mean MTA101 (banner-version)?")]
    [InlineData("MTA1O3", "'MTA1O3' is not a rule mtalint knows; did you mean MTA103 (banner-software)?")]
    [InlineData("vrfy", "'vrfy' is not a rule mtalint knows")]
    public void A_selector_that_names_nothing_is_refused_with_a_suggestion(string text, string message)
    {
        Assert.Null(Names.Parse(text, out var problem));
        Assert.StartsWith(message, problem);
    }

    [Fact]
    public void No_layer_keeps_the_defaults()
    {
        Assert.Equal(Defaults, Resolve());
        Assert.Equal(Defaults, Resolve(RuleSelection.None));
    }

    [Fact]
    public void Select_replaces_what_earlier_layers_chose()
    {
        var config = Layer(ignore: ["MTA101"], extend: ["MTA302"]);
        Assert.Equal(["MTA101", "MTA102"], Resolve(config, Layer(select: ["MTA101", "banner-os"])));
        Assert.Empty(Resolve(config, Layer(select: [])));
    }

    [Fact]
    public void Extend_select_and_ignore_change_what_earlier_layers_chose()
    {
        var config = Layer(ignore: ["MTA1"]);
        Assert.Equal(["MTA001", "MTA002", "MTA201", "MTA301"], Resolve(config));
        Assert.Equal(["MTA001", "MTA002", "MTA102", "MTA201", "MTA301"], Resolve(config, Layer(extend: ["banner-os"])));
        Assert.Equal(["MTA001", "MTA002", "MTA201"], Resolve(config, Layer(ignore: ["MTA301"])));
    }

    [Fact]
    public void Within_a_layer_the_narrower_selector_wins_and_ignore_wins_a_tie()
    {
        Assert.Equal(["MTA102"], Resolve(Layer(select: ["MTA102"], ignore: ["MTA1"])));
        Assert.Equal(["MTA101", "MTA103", "MTA104", "MTA105"], Resolve(Layer(select: ["MTA1"], ignore: ["MTA102", "MTA106", "MTA107", "MTA108", "MTA109", "MTA110"])));
        Assert.Empty(Resolve(Layer(select: ["MTA102"], ignore: ["banner-os"])));
        Assert.Equal(["MTA001", "MTA002", "MTA101", "MTA201", "MTA301"], Resolve(Layer(ignore: ["MTA10"], extend: ["MTA101"])));
    }
}
