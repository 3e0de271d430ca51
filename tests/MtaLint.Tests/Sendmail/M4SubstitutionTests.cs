using MtaLint.Model.Sendmail;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Sendmail;

/// <summary>
/// m4's argument substitution, checked with the real m4: a macro called with arguments writes what m4 writes when it
/// rescans the body as <see cref="M4Substitution"/> substituted it (the body's <c>$0</c> quoted, so that neither run calls the macro again).
/// </summary>
public sealed class M4SubstitutionTests
{
    [Theory]
    [InlineData("[$1|$2|$3]", new[] { "a", "b" })]
    [InlineData("[$#|$*|$@]", new[] { "a", "b c", "" })]
    [InlineData("[$#]", new string[0])]
    [InlineData("[`$0'|$x|$|$$1]", new[] { "a" })]
    [InlineData("[$9|$10|$11|$12]", new[] { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11" })]
    [InlineData("[$10]", new[] { "a", "b" })]
    [InlineData("no dollar", new[] { "a" })]
    public void A_call_writes_what_m4_writes_for_the_substituted_body(string body, string[] args)
    {
        var define = $"define(`f', `{body}')dnl\n";
        // A call without arguments is the bare name: "f()" is a call with one empty argument.
        var call = M4(define + (args.Length == 0 ? "f" : "f(" + string.Join(", ", args.Select(a => "`" + a + "'")) + ")") + "\n");

        var substituted = M4(define + M4Substitution.Apply(body, "f", args) + "\n");

        Assert.Equal(call, substituted);
    }

    private static string M4(string input)
    {
        var result = Oracle.Run(Path.Combine("usr", "bin", "m4"), [], stdin: input);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
