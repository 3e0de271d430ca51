using MtaLint.Dialects;

namespace MtaLint.Tests.Infrastructure;

/// <summary>
/// The dialects tests iterate: those of <see cref="DialectRegistry"/>, never a list of their own, so a
/// dialect added to the registry is tested everywhere at once (<c>DialectRegistryTests</c> pins the names).
/// </summary>
public static class RegisteredDialects
{
    /// <summary>The registry's dialect names, in its order.</summary>
    public static IReadOnlyList<string> Names { get; } = DialectRegistry.All.Select(d => d.Name).ToArray();

    public static TheoryData<string> NamesAsData() => new(Names);

    /// <summary>Every file or folder in <c>testdata/&lt;dialect&gt;/</c> of every dialect, as (dialect, entry name).</summary>
    public static TheoryData<string, string> TestDataCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var mta in Names)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(TestPaths.TestData, mta)).Order(StringComparer.Ordinal))
            {
                data.Add(mta, Path.GetFileName(entry));
            }
        }

        return data;
    }
}
