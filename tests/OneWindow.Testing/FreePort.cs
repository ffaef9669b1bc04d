using System.Net;
using System.Net.Sockets;

namespace OneWindow.Testing;

/// <summary>Free loopback TCP ports, so each fixture's stack runs beside a running platform.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999 by default): the kernel never gives these to outgoing
    // connections, so the many client sockets of a test cannot take a port between this check and the
    // emulator's bind, which is what a port from "bind to 0" risked.
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly object Gate = new();

    /// <summary>
    /// A loopback port that is free now, below the ephemeral range, and not handed out before by this process.
    /// </summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                if (HandedOut.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until something accepts TCP connections on the port.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"Nothing listens on 127.0.0.1:{port} after {timeout}. {describe?.Invoke()}", ex);
            }
        }
    }
}
