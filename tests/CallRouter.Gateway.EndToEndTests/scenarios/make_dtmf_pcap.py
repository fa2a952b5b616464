#!/usr/bin/env python3
"""Writes a pcap of RFC 4733 telephone-events (PT 101) for SIPp's play_pcap_audio.

SIPp replays a pcap as recorded, so every digit of a sequence must carry its own RTP timestamp and
sequence numbers; the single-digit pcaps shipped with sip-tester all share one timestamp and one
sequence range, and a receiver rightly takes the second one for a retransmission of the first.

    ./make_dtmf_pcap.py '#21' ivr_new_problem_severity2.pcap   # digits 1.2 s apart, 100 ms each
    ./make_dtmf_pcap.py '#21,,,,,,9,,,aaaaaa#' ivr_then_voicemail.pcap
        # ',' = another 1.2 s of silence; 'a' = 1.2 s of a 440 Hz tone as PCMA (PT 8), the caller speaking
    ./make_dtmf_pcap.py 2 dtmf_2nd_2.pcap 1
        # one digit that follows one other played from its own pcap: its RTP timestamp and sequence
        # numbers continue where the earlier digit's left off, so the two are two events, not one.
        # One short pcap per digit keeps each SIPp raw socket open for 0.1 s instead of the whole IVR.
"""
import math
import struct
import sys

EVENTS = {**{str(d): d for d in range(10)}, '*': 10, '#': 11}
GAP_SECONDS = 1.2
PACKET_SECONDS = 0.02


def alaw(sample):
    """ITU-T G.711 A-law encoding of one 16-bit sample."""
    sign = 0x80 if sample >= 0 else 0x00
    magnitude = min(abs(sample), 32767) >> 3
    if magnitude < 32:
        code = magnitude >> 1
    else:
        segment = magnitude.bit_length() - 5
        code = (segment << 4) | ((magnitude >> segment) & 0x0F)
    return (code | sign) ^ 0x55


def tone(samples_from, count):
    return bytes(alaw(int(8000 * math.sin(2 * math.pi * 440 * (samples_from + i) / 8000))) for i in range(count))


def packet(seq, timestamp, marker, event, end, duration):
    rtp = struct.pack('>BBHII', 0x80, (0x80 if marker else 0) | 101, seq & 0xFFFF, timestamp & 0xFFFFFFFF, 0x0C0FFEE0)
    rtp += struct.pack('>BBH', event, (0x80 if end else 0) | 10, duration)
    return frame(rtp)


def audio_packet(seq, timestamp, marker):
    rtp = struct.pack('>BBHII', 0x80, (0x80 if marker else 0) | 8, seq & 0xFFFF, timestamp & 0xFFFFFFFF, 0x0C0FFEE0)
    return frame(rtp + tone(timestamp, 160))


def frame(rtp):
    udp = struct.pack('>HHHH', 6000, 6000, 8 + len(rtp), 0) + rtp
    total = 20 + len(udp)
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, total, 0, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
    ethernet = bytes(12) + b'\x08\x00'
    return ethernet + ip + udp


def main(digits, path, after=0):
    records = []
    seq, timestamp, clock = 1000 + 6 * after, 160000 + int(GAP_SECONDS * 8000) * after, 0.0
    for digit in digits:
        if digit == 'a':
            for i in range(int(GAP_SECONDS / PACKET_SECONDS)):
                records.append((clock + i * PACKET_SECONDS, audio_packet(seq, timestamp + 160 * i, i == 0)))
                seq += 1
            timestamp += int(GAP_SECONDS * 8000)
            clock += GAP_SECONDS
            continue
        if digit == ',':
            timestamp += int(GAP_SECONDS * 8000)
            clock += GAP_SECONDS
            continue
        event = EVENTS[digit]
        # Start (marker), four updates, then the end packet three times (RFC 4733 section 2.5.1.4).
        for i in range(5):
            records.append((clock + i * PACKET_SECONDS, packet(seq, timestamp, i == 0, event, False, 160 * (i + 1))))
            seq += 1
        for i in range(3):
            records.append((clock + 5 * PACKET_SECONDS, packet(seq, timestamp, False, event, True, 800)))
        seq += 1
        timestamp += int(GAP_SECONDS * 8000)
        clock += GAP_SECONDS
    with open(path, 'wb') as out:
        out.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for at, data in records:
            seconds = int(at)
            out.write(struct.pack('<IIII', 1_700_000_000 + seconds, int((at - seconds) * 1_000_000), len(data), len(data)))
            out.write(data)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
