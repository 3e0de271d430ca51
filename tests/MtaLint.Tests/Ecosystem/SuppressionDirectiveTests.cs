using System.Text.RegularExpressions;
using CsCheck;
using MtaLint.Policy;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// The directive after <c>mtalint:</c> is read by hand; the regex it was read with is the oracle:
/// the same answer (match or not, kind, ids, reason) on written cases and on random text built to
/// be near the grammar.
/// </summary>
public sealed partial class SuppressionDirectiveTests
{
    [GeneratedRegex(@"^[ \t]*(?<kind>disable-file|disable)[ \t]*=[ \t]*(?<ids>[^ \t-](?:(?!--).)*?)[ \t]*(?:--[ \t]*(?<reason>.*?))?[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Oracle();

    private static string Describe(SuppressionParser.Directive? directive, string rest) => directive is { } d
        ? $"{(d.FileScope ? "file" : "next")}|{rest.Substring(d.IdsStart, d.IdsLength)}@{d.IdsStart}|{(d.ReasonLength > 0 ? rest.Substring(d.ReasonStart, d.ReasonLength) : "-")}"
        : "none";

    private static string DescribeOracle(string rest)
    {
        var m = Oracle().Match(rest);
        if (!m.Success)
        {
            return "none";
        }

        var kind = m.Groups["kind"].Value.Equals("disable-file", StringComparison.OrdinalIgnoreCase) ? "file" : "next";
        var reason = m.Groups["reason"].Success && m.Groups["reason"].Length > 0 ? m.Groups["reason"].Value : "-";
        return $"{kind}|{m.Groups["ids"].Value}@{m.Groups["ids"].Index}|{reason}";
    }

    [Theory]
    [InlineData(" disable=MTA101 -- kept", "next|MTA101@9|kept")]
    [InlineData(" disable-file=MTA101, MTA102", "file|MTA101, MTA102@14|-")]
    [InlineData(" DISABLE = MTA101 --   why not  ", "next|MTA101@11|why not")]
    [InlineData(" disable=MTA101 --", "next|MTA101@9|-")]
    [InlineData(" disable=MTA101 - single dash", "next|MTA101 - single dash@9|-")] // ids with a dash: the ids are then not valid (MTA002)
    [InlineData(" disable=banner-version,tls-client-off -- names", "next|banner-version,tls-client-off@9|names")]
    [InlineData(" disable=a---b", "next|a@9|-b")]
    [InlineData(" disable=-MTA101", "none")]
    [InlineData(" disable=", "none")]
    [InlineData(" disable-filex=MTA101", "none")]
    [InlineData(" enable=MTA101", "none")]
    [InlineData(" disable=MTA101 -- a - b -- c\t", "next|MTA101@9|a - b -- c")]
    public void Reads_what_the_grammar_reads(string rest, string expected)
    {
        Assert.Equal(expected, Describe(SuppressionParser.ReadDirective(rest), rest));
        Assert.Equal(expected, DescribeOracle(rest));
    }

    [Fact]
    public void Agrees_with_the_regex_on_random_text_near_the_grammar() =>
        NearTheGrammar.Sample(
            rest => DescribeOracle(rest) == Describe(SuppressionParser.ReadDirective(rest), rest),
            iter: 20_000,
            print: rest => $"\"{rest}\": {DescribeOracle(rest)} by the regex, {Describe(SuppressionParser.ReadDirective(rest), rest)} by hand");

    /// <summary>
    /// Text of the directive's own pieces, a third of it after <c> disable=</c> (most random text is
    /// no directive: start many like one). CsCheck shrinks a disagreement to the fewest pieces.
    /// </summary>
    private static readonly Gen<string> NearTheGrammar = Gen.Select(
        Gen.OneOf(" ", "\t", "-", "--", "=", ",", "disable", "DISABLE", "Disable-File", "disable-file", "MTA101", "x", "\r", "ſ", "K", ":", "é", "dis").Array[1, 8],
        Gen.Int[0, 2],
        (pieces, start) => (start == 0 ? " disable=" : string.Empty) + string.Concat(pieces));
}
