package io.netspectra.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A classic pcap file taken apart into its file header and records, to split and merge captures in tests. */
record PcapRecords(byte[] header, ByteOrder order, List<byte[]> records) {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    static PcapRecords read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        int magic = b.getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        b.order(order);
        List<byte[]> records = new ArrayList<>();
        int at = FILE_HEADER;
        while (at + RECORD_HEADER <= all.length) {
            int len = RECORD_HEADER + b.getInt(at + 8);
            byte[] r = new byte[len];
            System.arraycopy(all, at, r, 0, len);
            records.add(r);
            at += len;
        }
        byte[] header = new byte[FILE_HEADER];
        System.arraycopy(all, 0, header, 0, FILE_HEADER);
        return new PcapRecords(header, order, records);
    }

    /** Returns a record's timestamp as (seconds, fraction) packed for ordering. */
    long timestamp(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record).order(order);
        return (b.getInt(0) & 0xFFFFFFFFL) * 1_000_000_000L + (b.getInt(4) & 0xFFFFFFFFL);
    }

    /** Returns the records of both captures merged by timestamp (this capture's first on ties). */
    PcapRecords mergedWith(PcapRecords other) {
        List<byte[]> all = new ArrayList<>(records);
        all.addAll(other.records);
        all.sort(Comparator.comparingLong(this::timestamp));
        return new PcapRecords(header, order, all);
    }

    /** Returns a capture of the records from {@code from} (inclusive) to {@code to} (exclusive). */
    PcapRecords slice(int from, int to) {
        return new PcapRecords(header, order, records.subList(from, to));
    }

    /** Returns a capture of every {@code step}-th record starting at {@code first}. */
    PcapRecords every(int step, int first) {
        List<byte[]> picked = new ArrayList<>();
        for (int i = first; i < records.size(); i += step) {
            picked.add(records.get(i));
        }
        return new PcapRecords(header, order, picked);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes());
    }
}
