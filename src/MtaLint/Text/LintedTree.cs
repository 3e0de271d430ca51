using System.Collections.Concurrent;

namespace MtaLint.Text;

/// <summary>
/// What a run was asked to look at, and so what its reports may quote: the folders named on the
/// command line, the folder of each file named there, the files named, and the folders given as
/// roots (<c>--root</c>). A config can reach further (<c>.include /etc/ssl/private/key.pem</c>,
/// <c>.include ../.git/config</c>, a conf.d fragment that is a symlink): such a file is still read
/// as the MTA reads it, but a report shows where its findings are, never what it holds, so a pull
/// request cannot pull a file the CI runner can read into a public log.
/// </summary>
/// <remarks>
/// Inside means the real path (every symlink resolved) lies under a root's real path: a link in the
/// tree to <c>/etc/shadow</c> leads outside. With <c>--follow-symlinks</c> the user trusts links in the
/// tree, and the path as written counts too. A path that cannot be resolved is not inside.
/// </remarks>
public sealed class LintedTree
{
    private readonly string[] _realRoots;
    private readonly string[] _writtenRoots;
    private readonly HashSet<string> _namedFiles;
    private readonly bool _trustLinks;
    private readonly string? _standardInput;
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    /// <param name="roots">Folders whose files are inside.</param>
    /// <param name="namedFiles">Files inside wherever they lead (named on the command line: the user asked for them).</param>
    /// <param name="trustLinks">Symlinks in the tree count as inside (<c>--follow-symlinks</c>).</param>
    /// <param name="standardInput">The path standard input is linted as (<c>--stdin-filename</c>): inside whatever is on disk there, or whether anything is.</param>
    public LintedTree(IEnumerable<string> roots, IEnumerable<string> namedFiles, bool trustLinks = false, string? standardInput = null)
    {
        var given = roots.Where(r => r.Length > 0 && !r.Contains('\0', StringComparison.Ordinal)).ToArray();
        _writtenRoots = given.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal).ToArray();
        _realRoots = given.Select(RealPath.Of).OfType<string>().Select(Path.TrimEndingDirectorySeparator).Distinct(StringComparer.Ordinal).ToArray();
        _namedFiles = namedFiles.Select(RealPath.Of).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _trustLinks = trustLinks;
        // The text reported under this path is what the user piped in, not what the disk holds there.
        _standardInput = standardInput is { Length: > 0 } && !standardInput.Contains('\0', StringComparison.Ordinal) ? Path.GetFullPath(standardInput) : null;
    }

    /// <summary>The tree of a command line: each folder named, and each file named with the folder it is in.</summary>
    /// <param name="roots">Further folders (<c>--root</c>).</param>
    /// <param name="standardInput">The path standard input is linted as, when it is (see the constructor).</param>
    public static LintedTree Of(IEnumerable<string> named, IEnumerable<string>? roots = null, bool trustLinks = false, string? standardInput = null)
    {
        var folders = new List<string>(roots ?? []);
        var files = new List<string>();
        foreach (var path in named)
        {
            if (Directory.Exists(path))
            {
                folders.Add(path);
            }
            else
            {
                files.Add(path);
                folders.Add(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
            }
        }

        return new LintedTree(folders, files, trustLinks, standardInput);
    }

    /// <summary>
    /// The tree of a lint run: what <see cref="Of(IEnumerable{string}, IEnumerable{string}?, bool, string?)"/> gives, the
    /// folder where absolute paths are (<c>--root</c>), and the folders of the files each config was read with
    /// (a master.cf named alone is read with the main.cf beside it, an included file with the config above that
    /// includes it, a conf.d fragment with its tree and the update-exim4.conf.conf beside it): naming one file
    /// of a config reports what naming its folder would. Discovery took those files as a walk of their folder
    /// would, so none is a symlink out of it.
    /// </summary>
    /// <param name="unitFiles">The files of every unit the run lints (a Workspace <c>Discovery</c>'s).</param>
    public static LintedTree ForRun(IReadOnlyList<string> named, IEnumerable<string> unitFiles, string? root, bool trustLinks = false, string? standardInput = null)
    {
        // Only folders that no named one holds are added: a walk's files are all below it, and every
        // root costs each later look-up a comparison.
        var given = named.Select(n => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.Exists(n) ? n : Path.GetDirectoryName(Path.GetFullPath(n)) ?? "/"))).Distinct(StringComparer.Ordinal).ToArray();
        var extra = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in unitFiles)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
            if (!extra.Contains(folder) && !Under(folder, given))
            {
                extra.Add(folder);
            }
        }

        return Of(named, root is null ? extra : [root, .. extra], trustLinks, standardInput);
    }

    /// <summary>The roots as written (absolute), for messages.</summary>
    public IReadOnlyList<string> Roots => _writtenRoots;

    /// <summary>Whether a report may quote the file at <paramref name="path"/> (as the run names it, relative to the working folder).</summary>
    public bool Contains(string path) => _seen.GetOrAdd(path, Decide);

    private bool Decide(string path)
    {
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        if (_standardInput is not null && Path.GetFullPath(path) == _standardInput)
        {
            return true;
        }

        if (_trustLinks && Under(Path.GetFullPath(path), _writtenRoots))
        {
            return true;
        }

        return RealPath.Of(path) is { } real && (_namedFiles.Contains(real) || Under(real, _realRoots));
    }

    private static bool Under(string path, string[] roots)
    {
        foreach (var root in roots)
        {
            if (root == "/" || path == root
                || (path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}
