using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Where else a role uses a variable: changing its default in <c>defaults/main.yml</c> changes every template,
/// task, handler, vars file and meta of the role that names it, so a fix may edit the default only where the
/// template it fixes is its one use. Every file under the role's folder is searched for the name as a word
/// (not inside a longer name); what cannot be searched (a symlink, a FIFO or device, a file over
/// <see cref="MaxBytes"/>, an unreadable file, more than <see cref="MaxFiles"/> files) leaves the question open,
/// which counts as a use.
/// </summary>
/// <summary>What searching a role found: a use at <paramref name="Where"/> (<c>roles/x/tasks/main.yml:12</c>), or, not <paramref name="Found"/>, why the role could not be searched.</summary>
public sealed record RoleUse(string Where, bool Found);

public static class RoleVariableUses
{
    /// <summary>Largest file searched: a role's files are a few kilobytes.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Most files searched in one role.</summary>
    public const int MaxFiles = 5000;

    /// <summary>
    /// The first place under <paramref name="role"/> other than <paramref name="allowed"/> that names
    /// <paramref name="variable"/>, or why the role cannot be searched; null when there is none.
    /// </summary>
    /// <param name="allowed">The texts where the variable may appear: the template's tag that uses it and the line of the default itself.</param>
    public static RoleUse? OtherUse(string role, string variable, IReadOnlyList<SourceSpan> allowed)
    {
        var word = new Regex($@"(?<![\w]){Regex.Escape(variable)}(?![\w])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        var byPath = allowed.GroupBy(a => Path.GetFullPath(a.File.Path)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var folders = new Stack<string>([role]);
        var files = 0;
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new RoleUse($"{folder} cannot be searched for other uses", false);
            }

            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null)
                {
                    return new RoleUse($"{entry.FullName} is a symlink, whose target may use it", false);
                }

                if (entry is DirectoryInfo dir)
                {
                    folders.Push(dir.FullName);
                    continue;
                }

                if (++files > MaxFiles)
                {
                    return new RoleUse($"the role has more than {MaxFiles} files to search for other uses", false);
                }

                if (Use(Path.Combine(folder, entry.Name), word, byPath) is { } use)
                {
                    return use;
                }
            }
        }

        return null;
    }

    private static RoleUse? Use(string path, Regex word, Dictionary<string, List<SourceSpan>> allowed)
    {
        var input = InputFile.Read(path, out var error);
        if (error is not null || input.Bytes.Length > MaxBytes)
        {
            return new RoleUse($"{path} cannot be searched for other uses", false);
        }

        // A file that is not UTF-8 is read as Latin-1, a char a byte: a name, in ASCII, is found in it all the same.
        var text = input.Source.Text;
        var spans = allowed.GetValueOrDefault(Path.GetFullPath(path)) ?? [];
        foreach (Match m in word.Matches(text))
        {
            if (spans.Any(s => s.Span.Start <= m.Index && m.Index + m.Length <= s.Span.End))
            {
                continue;
            }

            var line = 1 + text.AsSpan(0, m.Index).Count('\n');
            return new RoleUse($"{path}:{line}", true);
        }

        return null;
    }
}
