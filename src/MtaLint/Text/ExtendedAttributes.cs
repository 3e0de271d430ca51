using System.Runtime.InteropServices;
using System.Text;

namespace MtaLint.Text;

/// <summary>
/// A file's extended attributes, read and set through descriptors: POSIX ACLs
/// (<c>system.posix_acl_access</c>), SELinux labels (<c>security.selinux</c>), <c>user.*</c> and
/// <c>trusted.*</c> attributes alike, as the kernel stores them.
/// </summary>
internal static class ExtendedAttributes
{
    /// <summary>The names and values of <paramref name="fd"/>'s attributes; none where the file system has none.</summary>
    public static IReadOnlyList<(byte[] Name, byte[] Value)> Read(FileDescriptor fd)
    {
        var result = new List<(byte[], byte[])>();
        foreach (var name in Names(fd))
        {
            var z = Libc.CString(name);
            while (true)
            {
                var size = Libc.FGetXattr(fd, z, null, 0);
                if (size < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Libc.ENoData)
                    {
                        break; // removed meanwhile
                    }

                    throw Libc.Failed("fgetxattr", Encoding.UTF8.GetString(name));
                }

                var value = new byte[size];
                var got = Libc.FGetXattr(fd, z, value, size);
                if (got < 0 && Marshal.GetLastPInvokeError() == Libc.ERange)
                {
                    continue; // grew meanwhile: ask again
                }

                if (got < 0)
                {
                    throw Libc.Failed("fgetxattr", Encoding.UTF8.GetString(name));
                }

                result.Add((name, value[..(int)got]));
                break;
            }
        }

        return result;
    }

    /// <summary>The attribute names of <paramref name="fd"/>; none where the file system does not support them.</summary>
    public static IReadOnlyList<byte[]> Names(FileDescriptor fd)
    {
        while (true)
        {
            var size = Libc.FListXattr(fd, null, 0);
            if (size < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.EOpNotSupp)
                {
                    return [];
                }

                throw Libc.Failed("flistxattr");
            }

            var list = new byte[size];
            var got = size == 0 ? 0 : Libc.FListXattr(fd, list, size);
            if (got < 0 && Marshal.GetLastPInvokeError() == Libc.ERange)
            {
                continue;
            }

            if (got < 0)
            {
                throw Libc.Failed("flistxattr");
            }

            var names = new List<byte[]>();
            foreach (var range in list.AsSpan(0, (int)got).Split((byte)0))
            {
                var name = list.AsSpan(0, (int)got)[range];
                if (!name.IsEmpty)
                {
                    names.Add(name.ToArray());
                }
            }

            return names;
        }
    }

    /// <summary>
    /// Makes <paramref name="to"/>'s attributes exactly <paramref name="attributes"/>: each is set,
    /// and any other (one inherited from the folder's default ACL) is removed. Throws, naming the
    /// attribute, where one cannot be set (an SELinux label this process may not give).
    /// </summary>
    public static void Apply(IReadOnlyList<(byte[] Name, byte[] Value)> attributes, FileDescriptor to)
    {
        foreach (var extra in Names(to))
        {
            if (!attributes.Any(a => a.Name.AsSpan().SequenceEqual(extra)) && Libc.FRemoveXattr(to, Libc.CString(extra)) != 0
                && Marshal.GetLastPInvokeError() != Libc.ENoData)
            {
                throw Libc.Failed("fremovexattr", Encoding.UTF8.GetString(extra));
            }
        }

        foreach (var (name, value) in attributes)
        {
            if (Libc.FSetXattr(to, Libc.CString(name), value, value.Length, 0) != 0)
            {
                throw Libc.Failed("fsetxattr", Encoding.UTF8.GetString(name));
            }
        }
    }
}
