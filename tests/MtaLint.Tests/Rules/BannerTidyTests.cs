using MtaLint.Rules.Banners;

namespace MtaLint.Tests.Rules;

public sealed class BannerTidyTests
{
    private static string Remove(string raw, params string[] words) =>
        BannerTidy.Remove(raw, words.Select(w =>
        {
            var i = raw.IndexOf(w, StringComparison.Ordinal);
            return (i, i + w.Length);
        })).Text;

    [Theory]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "$v", "$Z" }, "$j Sendmail $b")]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "$b" }, "$j Sendmail $v/$Z")]
    [InlineData("$j Sendmail $v/$Z; $b", new[] { "Sendmail" }, "$j $v/$Z; $b")]
    [InlineData("a (Debian/GNU)", new[] { "Debian", "GNU" }, "a")]
    [InlineData("a (Debian/GNU) b", new[] { "Debian", "GNU" }, "a b")]
    [InlineData("a Postfix/3.7 b", new[] { "3.7" }, "a Postfix b")]
    [InlineData("a 4.96, b", new[] { "4.96" }, "a b")]
    [InlineData("x  a\tb", new[] { "a" }, "x  b")]
    [InlineData("ESMTP(x)ready", new[] { "x" }, "ESMTP ready")]
    public void Removes_words_with_their_glue(string raw, string[] words, string expected) =>
        Assert.Equal(expected, Remove(raw, words));

    [Fact]
    public void Reports_what_it_removed() =>
        Assert.Equal(["(Debian/GNU)"], BannerTidy.Remove("a (Debian/GNU)", [(3, 9), (10, 13)]).Removed);
}
