using MtaLint.Dialects;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Core;

/// <summary>
/// The registry is the one list of dialects the tests iterate (<see cref="RegisteredDialects"/>): adding
/// a dialect changes this pin on purpose, and every test over the dialects then covers it.
/// </summary>
public sealed class DialectRegistryTests
{
    [Fact]
    public void The_registry_names_postfix_exim_and_sendmail_in_recognition_order() =>
        Assert.Equal(["postfix", "exim", "sendmail"], RegisteredDialects.Names);

    [Fact]
    public void Every_dialect_is_found_by_its_name_in_any_case()
    {
        foreach (var dialect in DialectRegistry.All)
        {
            Assert.Same(dialect, DialectRegistry.Find(dialect.Name));
            Assert.Same(dialect, DialectRegistry.Find(dialect.Name.ToUpperInvariant()));
            Assert.Equal(dialect.Name.ToLowerInvariant(), dialect.Name);
        }

        Assert.Null(DialectRegistry.Find("qmail"));
    }

    [Fact]
    public void Every_dialect_has_testdata_and_a_corpus()
    {
        foreach (var name in RegisteredDialects.Names)
        {
            Assert.True(Directory.EnumerateFileSystemEntries(Path.Combine(TestPaths.TestData, name)).Any(), $"testdata/{name}/ has no cases");
            Assert.True(TestPaths.CorpusFiles(name).Any(), $"testdata/corpus/{name}/ has no files");
        }
    }
}
