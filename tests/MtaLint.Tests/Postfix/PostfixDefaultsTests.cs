using MtaLint.Model.Postfix;

namespace MtaLint.Tests.Postfix;

/// <summary>The built-in defaults table, and the quick reference scan that spares start-up the full grammar.</summary>
public sealed class PostfixDefaultsTests
{
    public static TheoryData<string> EveryDefaultValue()
    {
        var defaults = PostfixDefaults.Instance;
        // Raw parameters are never expanded (and some, like a charset list, are no valid expression).
        var values = defaults.Values.Where(kv => !defaults.RawParameters.Contains(kv.Key)).Select(kv => kv.Value)
            .Concat(defaults.ServiceParameters.Values.SelectMany(p => p.Select(s => s.Default)))
            .Where(v => v.Contains('$'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(values);
    }

    [Theory]
    [MemberData(nameof(EveryDefaultValue))]
    public void The_quick_scan_finds_what_the_grammar_finds_in_every_default(string value)
    {
        var grammar = new PostfixParsedValues().ReferencedNames(value).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(grammar); // every default with a '$' references something: the scan must too
        Assert.Equal(grammar, PostfixDefaults.ReferencedNamesOfDefault(value).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Defaults_with_a_dollar_are_the_ones_with_references_and_raw_parameters_are_left_out()
    {
        var defaults = PostfixDefaults.Instance;
        var expected = defaults.Values
            .Where(kv => kv.Value.Contains('$') && !defaults.RawParameters.Contains(kv.Key))
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, defaults.DefaultsWithReferences.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.True(defaults.DefaultsWithReferences.Count > 100, "postconf -d has about 145 defaults with references");
    }

    [Theory]
    [InlineData("$$ $$$a ${b?{$c}:{d}} $(e) ${ f} ${{$g} == {x}?{$h}} $", "a b c e f g h")]
    [InlineData("no references", "")]
    public void The_quick_scan_reads_every_reference_form(string value, string expected)
    {
        Assert.Equal(expected, string.Join(' ', PostfixDefaults.ReferencedNamesOfDefault(value)));
    }
}
