using System.Net;
using System.Net.Sockets;

namespace MtaLint.Tests.Probe;

/// <summary>
/// A TCP server on loopback only, running <c>handler</c> for each connection. Dispose stops the
/// listener, cancels the handlers and waits for them (bounded), so no test leaves a server behind.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _handlers = [];
    private readonly Task _accepting;

    public LoopbackServer(Func<NetworkStream, CancellationToken, Task> handler, IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        Address = address ?? IPAddress.Loopback;
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(handler);
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get; private set; }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Connections++;
            lock (_handlers)
            {
                _handlers.Add(Task.Run(async () =>
                {
                    using var stream = new NetworkStream(socket, ownsSocket: true);
                    try
                    {
                        await handler(stream, _stop.Token);
                    }
                    catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
                    {
                        // The client went away or the test is over: nothing to serve.
                    }
                }));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers, _accepting];
        }

        await Task.WhenAll(handlers).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
