namespace MtaLint.Model.Postfix;

/// <summary>The words of a Postfix list value: separated by blanks, line breaks and commas, as Postfix splits them.</summary>
internal static class PostfixList
{
    private static readonly char[] WordSeparators = [' ', '\t', '\r', '\n', ','];

    public static IEnumerable<string> Words(string value) =>
        value.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
}
