namespace MtaLint.Dialects;

/// <summary>The dialects mtalint reads, in the order they are asked to recognise a file.</summary>
public static class DialectRegistry
{
    public static IReadOnlyList<IDialect> All { get; } = [new PostfixDialect(), new EximDialect(), new SendmailDialect()];

    public static IDialect? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
