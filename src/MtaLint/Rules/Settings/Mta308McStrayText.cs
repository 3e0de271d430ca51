using MtaLint.Model;

namespace MtaLint.Rules.Settings;

/// <summary>
/// MTA308: text outside any macro of a config that is compiled (a Sendmail .mc), which the compiler
/// copies into the generated file as it is, where the MTA reads it as something else or refuses it.
/// </summary>
internal sealed class Mta308McStrayText : IRule
{
    public string Id => "MTA308";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        if (config.Generated is not { } generated)
        {
            yield break;
        }

        var (compiler, output) = generated;
        foreach (var stray in config.StrayText)
        {
            var refused = stray.StopsMta ? $", so {config.Mta} refuses to start" : string.Empty;
            yield return Finding.At(stray.Span,
                $"this text is outside any {compiler} macro, so {compiler} copies it into {output} as it is, and {config.Mta} reads it as {stray.Reading}{refused}; {stray.Remedy}",
                null,
                $"{output} gets: {stray.Output}");
        }
    }
}
