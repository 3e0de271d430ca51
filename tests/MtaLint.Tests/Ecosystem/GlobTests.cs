using System.Text;
using CsCheck;
using System.Text.RegularExpressions;
using MtaLint.Policy;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Policy globs are matched by a hand-written position-set matcher. A regex translation of the
/// pattern is the oracle (on inputs small enough for backtracking): the same answer on random
/// patterns and paths built from the glob's own alphabet. The work of one match is counted and
/// bounded by path length × pattern length, also for the patterns that make a regex backtrack.
/// </summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("*a*a*a*a*ab", 200)]
    [InlineData("*a*a*a*a*a*a*a*a*a*a*a*a*ab", 4000)]
    [InlineData("**a**a**a**a**ab", 4000)]
    [InlineData("[a]*[a]*[a]*[a]*[a]*b", 4000)]
    public void A_pattern_that_makes_a_regex_backtrack_costs_at_most_path_length_times_pattern_length(string pattern, int length)
    {
        var glob = new Glob(pattern);
        var path = new string('a', length);

        var matched = glob.IsMatch(path, out var steps);

        Assert.False(matched);
        Assert.True(steps <= (long)length * ((2 * pattern.Length) + 4), $"{steps:N0} steps for {length:N0} chars and {pattern.Length} pattern chars");
        Assert.True(steps >= length, "each char of the path is looked at");
    }

    [Fact]
    public void The_work_grows_linearly_with_the_path()
    {
        var glob = new Glob("*a*a*a*a*ab");
        glob.IsMatch(new string('a', 1000) + "/x", out var small);
        glob.IsMatch(new string('a', 4000) + "/x", out var large);

        var ratio = (double)large / small;
        Assert.True(ratio is > 3.5 and < 4.5, $"{small:N0} → {large:N0} steps (×{ratio:F2}; linear is ×4)");
    }

    [Fact]
    public void A_pattern_longer_than_any_path_is_refused()
    {
        Assert.Null(Glob.Validate(new string('a', Glob.MaxLength)));
        Assert.Contains("longer than 4,096 characters", Glob.Validate(new string('a', Glob.MaxLength + 1)));
    }

    [Theory]
    [InlineData("[!a]", "x/b", true)]
    [InlineData("x[!a]b", "x/b", false)] // a class is one char of a name, never the separator
    [InlineData("x?b", "x/b", false)]
    [InlineData("*.m[^c]", "x/sendmail.mc", false)] // ^ negates as ! does (gitignore, fnmatch)
    [InlineData("*.m[^c]", "x/sendmail.md", true)]
    [InlineData("m[a-c]in.cf", "mbin.cf", true)]
    [InlineData("m[a-c]in.cf", "mdin.cf", false)]
    [InlineData("m[-a]in.cf", "m-in.cf", true)]
    [InlineData("m[\\d]in.cf", "mdin.cf", true)] // no regex syntax inside a class: \d is '/' (from '\\') and 'd'
    [InlineData("m[\\d]in.cf", "m1in.cf", false)]
    [InlineData("**", "a/b/c", true)]
    [InlineData("a/**", "a/b/c", true)]
    [InlineData("a/**/c", "a/c", true)]
    [InlineData("a/**/c", "a/b/d/c", true)]
    [InlineData("a/**/c", "a/bc", false)]
    [InlineData("/etc/", "etc/postfix/main.cf", true)]
    [InlineData("./etc/*.cf", "etc/main.cf", true)]
    [InlineData("etc\\*.cf", "etc\\main.cf", true)]
    public void Written_cases(string pattern, string path, bool matches) => Assert.Equal(matches, new Glob(pattern).IsMatch(path));

    /// <summary>Valid patterns and paths from the glob's own alphabet; CsCheck shrinks a disagreement to the fewest pieces.</summary>
    private static readonly Gen<(string, string)> PatternsAndPaths = Gen.Select(
        Gen.OneOf("a", "b", ".", "/", "*", "**", "**/", "?", "[ab]", "[!a]", "[a-b]").Array[1, 6].Select(string.Concat).Where(p => Glob.Validate(p) is null),
        Gen.OneOf("a", "b", ".", "/", "ab", "ba").Array[0, 8].Select(string.Concat));

    [Fact]
    public void Same_answer_as_a_regex_translation_on_random_patterns_and_paths() =>
        PatternsAndPaths.Sample(
            (pattern, path) => Oracle(pattern).IsMatch(path) == new Glob(pattern).IsMatch(path),
            iter: 20_000,
            print: c => $"'{c.Item1}' against '{c.Item2}'");

    /// <summary>
    /// The regex the globs were once compiled to, with classes kept to one char of a name (the
    /// matcher's documented meaning): fine as an oracle for a few chars, not for a hostile path.
    /// </summary>
    private static Regex Oracle(string pattern)
    {
        var p = pattern.Replace('\\', '/');
        if (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        var anchored = p.TrimEnd('/').Contains('/');
        p = p.TrimStart('/').TrimEnd('/');
        var sb = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else if (c == '[' && p.IndexOf(']', i + 1) is var close and > 0)
            {
                var body = p[(i + 1)..close];
                var negated = body.StartsWith('!');
                var members = negated ? body[1..] : body;
                sb.Append(negated ? "(?![" + members + "])[^/]" : "(?=[" + members + "])[^/]");
                i = close;
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append("(?:/.*)?$");
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}
