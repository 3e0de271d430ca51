using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Syntax.Postfix;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// The real postconf decides: for every Postfix configuration the tests know (testdata, the corpus,
/// Debian's own files), the settings mtalint extracts equal <c>postconf -n</c>, the banner it renders
/// equals <c>postconf -x smtpd_banner</c> (postconf folds blank runs to one space when printing), and a
/// configuration postconf refuses (listed in <see cref="PostfixFiles.PostconfRefusals"/>) is one mtalint refuses too.
/// </summary>
public sealed class PostfixOracleTests
{
    [Theory]
    [MemberData(nameof(PostfixFiles.LiteralUnitsAsData), MemberType = typeof(PostfixFiles))]
    public void Settings_and_banner_match_postconf(string unit)
    {
        var paths = unit.Split('|').Select(PostfixFiles.Absolute).ToList();
        var files = paths.Select(PostfixFiles.Read).ToList();
        var options = new AnalysisOptions(System.Net.Dns.GetHostName());
        var analysis = new PostfixDialect().Analyze(files, options);
        var dir = Postconf.Stage(paths);
        try
        {
            var expected = Postconf.NonDefault(dir);
            if (PostfixFiles.PostconfRefusals.TryGetValue(unit, out var refusal))
            {
                var run = Postconf.Run("-c", dir, "-n");
                Assert.True(run.ExitCode != 0, $"{unit} is listed as refused ({refusal}), but postconf reads it");
                Assert.Contains(refusal, run.Stderr);
                Assert.False(analysis.Succeeded, $"postconf refuses {unit} but mtalint reads it");
                return;
            }

            if (expected is null)
            {
                Assert.Fail($"postconf refuses {unit}; list it in {nameof(PostfixFiles)}.{nameof(PostfixFiles.PostconfRefusals)} with its reason:\n{Postconf.Run("-c", dir, "-n").Stderr}");
            }

            Assert.True(analysis.Succeeded, string.Join("\n", analysis.Errors.Select(e => $"{e.Location}: {e.Message}")));
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(),
                analysis.Config!.EffectiveSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList());

            var banner = Postconf.Run("-c", dir, "-x", "smtpd_banner");
            Assert.Equal(0, banner.ExitCode);
            var main = files.FirstOrDefault(f => !PostfixFiles.IsMaster(f.Path));
            var extractor = new PostfixExtractor(main is null ? null : MainCfParser.Parse(main), null, options);
            var rendered = new PostfixBannerBuilder(extractor.MainScope).Build().Rendered;
            Assert.Equal(Postconf.Parse(banner.Stdout).Single().Value, PostfixExtractor.Fold(rendered));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
