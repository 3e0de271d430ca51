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
    public static LintedTree ForRun(IReadOnlyList<string> named, IEnumerable<string> unitFiles, string? root, bool trustLinks = false, string? standardInput = null) =>
        Of(named, trustLinks: trustLinks, standardInput: standardInput).WithUnits(unitFiles, root);

    /// <summary>
    /// This tree with the folders of <paramref name="unitFiles"/> that it does not hold yet, and <paramref name="root"/>.
    /// What this tree resolved stays as it was resolved: a tree made before discovery pins where the named paths
    /// led when the run started, so a folder swapped for a symlink afterwards cannot move them.
    /// </summary>
    public LintedTree WithUnits(IEnumerable<string> unitFiles, string? root)
    {
        // Only folders that no named one holds are added: a walk's files are all below it, and every
        // root costs each later look-up a comparison.
        var extra = new List<string>();
        foreach (var path in unitFiles)
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
            if (!extra.Contains(folder, StringComparer.Ordinal) && !Under(folder, _writtenRoots))
            {
                extra.Add(folder);
            }
        }

        if (root is not null)
        {
            extra.Insert(0, root);
        }

        var added = new LintedTree(extra, [], _trustLinks, null);
        return new LintedTree(
            [.. _realRoots, .. added._realRoots.Except(_realRoots, StringComparer.Ordinal)],
            [.. _writtenRoots, .. added._writtenRoots.Except(_writtenRoots, StringComparer.Ordinal)],
            _namedFiles,
            _trustLinks,
            _standardInput);
    }

    private LintedTree(string[] realRoots, string[] writtenRoots, HashSet<string> namedFiles, bool trustLinks, string? standardInput)
    {
        _realRoots = realRoots;
        _writtenRoots = writtenRoots;
        _namedFiles = namedFiles;
        _trustLinks = trustLinks;
        _standardInput = standardInput;
    }

    /// <summary>
    /// Whether the file a read opened (<paramref name="location"/>: its real path, as the kernel names the open
    /// file) lies where this tree was resolved to. False when a folder on a named path was replaced by a symlink
    /// between the start of the run and the read: the file read is then another one, which the run was not asked
    /// to look at. True when the system cannot tell, and with <c>--follow-symlinks</c>.
    /// </summary>
    public bool HoldsRead(byte[]? location)
    {
        if (_trustLinks || location is null || !System.Text.Unicode.Utf8.IsValid(location))
        {
            return true; // a name that is not UTF-8 has no string to compare with the roots' (see UnopenablePathTests)
        }

        var real = System.Text.Encoding.UTF8.GetString(location);
        return _namedFiles.Contains(real) || Under(real, _realRoots);
    }

    /// <summary>
    /// From now on no report quotes <paramref name="path"/>: its read led outside the tree (<see cref="HoldsRead"/>),
    /// whatever its path resolves to when the report is written.
    /// </summary>
    public void Withhold(string path) => _seen[path] = false;

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
