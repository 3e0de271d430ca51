using MtaLint.Dialects;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Postfix;
using MtaLint.Tests.Sendmail;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>The oracle tests leave out exactly the files of the test data that mtalint reads as templates, whatever their dialect.</summary>
public sealed class TestDataTemplatesTests
{
    [Fact]
    public void The_files_left_out_as_templates_are_exactly_those_mtalint_reads_as_templates()
    {
        var postfix = PostfixFiles.All().ToList();
        var sendmail = SendmailTestFiles.TestData.Concat(SendmailTestFiles.Corpus).Concat(SendmailTestFiles.DebianExamples).ToList();
        var exim = EximTestHost.AllTestDataFiles().Concat(TestPaths.CorpusFiles("exim")).ToList();
        Assert.True(postfix.Count >= 20 && sendmail.Count >= 10 && exim.Count >= 20, $"{postfix.Count} Postfix, {sendmail.Count} Sendmail, {exim.Count} Exim files");

        var read = postfix.Concat(sendmail).Concat(exim).Where(TestDataTemplates.IsTemplate).Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p));

        Assert.Equal(TestDataTemplates.All.Keys.Order(StringComparer.Ordinal), read.Distinct().Order(StringComparer.Ordinal));

        // The Exim oracle tests hand every Exim file to exim unrendered: as the dialect reads them, none is a template.
        Assert.All(exim, f => Assert.Null(EximDialect.ViewOf(SourceFile.FromBytes(f, File.ReadAllBytes(f)), TemplateView.Unknown)));
    }
}
