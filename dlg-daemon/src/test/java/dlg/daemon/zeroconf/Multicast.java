package dlg.daemon.zeroconf;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;

/** Whether zeroconf can be tried for real here. */
public final class Multicast {

    private Multicast() {
    }

    /** A datagram sent to a multicast group on the loopback interface comes back to a member of that group. */
    public static boolean worksOnLoopback() {
        InetAddress group = new InetSocketAddress("239.255.77.77", 0).getAddress();
        try (MulticastSocket s = new MulticastSocket(0)) {
            NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
            s.setNetworkInterface(lo);
            s.joinGroup(new InetSocketAddress(group, s.getLocalPort()), lo);
            s.setSoTimeout(2000);
            byte[] ping = "dlg".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, group, s.getLocalPort()));
            s.receive(new DatagramPacket(new byte[16], 16));
            return true;
        } catch (IOException e) { // a timeout included
            return false;
        }
    }
}
