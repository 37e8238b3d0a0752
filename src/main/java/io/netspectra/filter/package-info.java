/**
 * tcpdump (BPF) filter expressions applied to frames before they are decoded or counted.
 *
 * <p>Enters: an expression (compiled by libpcap through pcap4j, once per link type) and frames. Leaves: accept or
 * reject per frame. Touched only by the reader thread. libpcap is loaded only when a filter is given.
 */
package io.netspectra.filter;
