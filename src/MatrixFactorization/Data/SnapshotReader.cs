using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MatrixFactorization.Data;

/// <summary>
/// Reads a rating snapshot in large blocks straight into the store's arrays, hashing each block as
/// it arrives (for its section's checksum and the whole file's), and checks every section once its
/// checksum holds: ids unique, row offsets monotone, items in range and ascending within a row,
/// values finite and inside the scale.
/// </summary>
internal sealed class SnapshotReader
{
    // Large enough that a read costs little per byte, small enough to be hashed while still in cache.
    private const int BlockSize = 1 << 20;

    // Below this a second thread costs more than it saves.
    private const int ParallelFrom = 4 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SnapshotInput _input;
    private readonly SnapshotErrors _errors;
    private readonly XxHash3 _file = new();
    private readonly XxHash3 _section = new();
    private SnapshotHeader _header = null!;

    // Whether the whole-file checksum was checked up front, so the sections need no hashing of their own.
    private bool _verified;

    private SnapshotReader(SnapshotInput input, string source)
    {
        _input = input;
        _errors = new SnapshotErrors(source);
    }

    /// <summary>Reads the store; <paramref name="input"/> stays the caller's to dispose.</summary>
    public static RatingStore Read(SnapshotInput input, string source)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Rating snapshots are read straight into arrays, which must be little-endian.");
        }

        var reader = new SnapshotReader(input, source);
        try
        {
            return reader.ReadStore();
        }
        catch (EndOfStreamException e)
        {
            throw new RatingFormatException(
                "the rating snapshot ended before its declared length: it shrank while being read", source, hint: "Read it again once nothing writes to it.", innerException: e);
        }
    }

    // A load is usually the first and only one in its process: the loops are compiled fully at
    // once rather than run first as unoptimized code.
    private RatingStore ReadStore()
    {
        Span<byte> start = stackalloc byte[SnapshotLayout.HeaderLength];
        start = start[..(int)Math.Min(SnapshotLayout.HeaderLength, _input.Length)];
        _input.ReadExactly(start);
        _header = SnapshotHeader.Parse(start, _input.Length, _errors);
        SnapshotHeader h = _header;
        if (_input.All.Length >= ParallelFrom)
        {
            return ReadInTwo();
        }

        _verified = !_input.All.IsEmpty && VerifyWhole(_input.All);
        if (!_verified)
        {
            _file.Append(start);
        }

        IdMap users = ReadIds(SnapshotLayout.UserIds, h.UserKind, h.Users);
        IdMap items = h.SharedIds ? users : ReadIds(SnapshotLayout.ItemIds, h.ItemKind, h.Items);
        if (h.SharedIds)
        {
            ReadSection(SnapshotLayout.ItemIds, []);
        }

        int[] offsets = ReadArray<int>(SnapshotLayout.Rows, h.Users + 1);
        CheckOffsets(offsets);
        int[] itemIndices = ReadArray<int>(SnapshotLayout.ItemIndices, h.Ratings);
        CheckRows(offsets, itemIndices);
        float[] values = ReadArray<float>(SnapshotLayout.Values, h.Ratings);
        CheckValues(values);
        uint[]? times = null;
        if (h.HasTimestamps)
        {
            times = ReadArray<uint>(SnapshotLayout.Timestamps, h.Ratings);
        }
        else
        {
            ReadSection(SnapshotLayout.Timestamps, []);
        }

        Span<byte> stored = stackalloc byte[SnapshotLayout.ChecksumLength];
        _input.ReadExactly(stored);
        if (!_verified && _file.GetCurrentHashAsUInt64() != BinaryPrimitives.ReadUInt64LittleEndian(stored))
        {
            throw FinalChecksumDamaged();
        }

        return new RatingStore(users, items, offsets, itemIndices, values, times, h.TimeBase);
    }

    /// <summary>
    /// Reads a large snapshot that lies in memory on two threads: another one checks the
    /// whole-file checksum and then copies and checks the rating values (and timestamps), while
    /// this one copies and checks ids, rows and item indices. The checksum's verdict comes first:
    /// a check that fails on damaged bytes reports the damage, not what the damage looks like.
    /// </summary>
    private RatingStore ReadInTwo()
    {
        SnapshotHeader h = _header;
        float[] values = GC.AllocateUninitializedArray<float>(h.Ratings);
        uint[]? times = h.HasTimestamps ? GC.AllocateUninitializedArray<uint>(h.Ratings) : null;
        // A thread of its own: this one waits for it, which must not hang on a starved thread pool.
        Task<(bool Holds, RatingFormatException? Error)> other = Task.Factory.StartNew(
            () => HashThenReadValues(values, times), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // The other thread vouches for the bytes this one copies without hashing them.
        _verified = true;
        IdMap users = null!, items = null!;
        int[] offsets = null!, itemIndices = null!;
        RatingFormatException? error = null;
        try
        {
            users = ReadIds(SnapshotLayout.UserIds, h.UserKind, h.Users);
            items = h.SharedIds ? users : ReadIds(SnapshotLayout.ItemIds, h.ItemKind, h.Items);
            if (h.SharedIds)
            {
                ReadSection(SnapshotLayout.ItemIds, []);
            }

            offsets = ReadArray<int>(SnapshotLayout.Rows, h.Users + 1);
            CheckOffsets(offsets);
            itemIndices = ReadArray<int>(SnapshotLayout.ItemIndices, h.Ratings);
            CheckRows(offsets, itemIndices);
        }
        catch (RatingFormatException e)
        {
            error = e;
        }
        catch
        {
            // The other thread reads the input, which the caller disposes once this throws.
            ((IAsyncResult)other).AsyncWaitHandle.WaitOne();
            throw;
        }

        (bool holds, RatingFormatException? late) = other.GetAwaiter().GetResult();
        if (!holds)
        {
            throw late!;
        }

        if ((error ?? late) is RatingFormatException first)
        {
            throw first;
        }

        return new RatingStore(users, items, offsets, itemIndices, values, times, h.TimeBase);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (bool Holds, RatingFormatException? Error) HashThenReadValues(float[] values, uint[]? times)
    {
        ReadOnlySpan<byte> all = _input.All;
        if (!WholeHolds(all))
        {
            return (false, DamageIn(all));
        }

        int at = SnapshotLayout.HeaderLength;
        for (int s = 0; s < SnapshotLayout.Values; s++)
        {
            at += _header.LengthOf(s);
        }

        Span<byte> valueBytes = MemoryMarshal.AsBytes(values.AsSpan());
        all.Slice(at, valueBytes.Length).CopyTo(valueBytes);
        if (times is not null)
        {
            Span<byte> timeBytes = MemoryMarshal.AsBytes(times.AsSpan());
            all.Slice(at + valueBytes.Length, timeBytes.Length).CopyTo(timeBytes);
        }

        try
        {
            CheckValues(values);
            return (true, null);
        }
        catch (RatingFormatException e)
        {
            return (true, e);
        }
    }

    private T[] ReadArray<T>(int section, int count)
        where T : unmanaged
    {
        T[] array = GC.AllocateUninitializedArray<T>(count);
        ReadSection(section, MemoryMarshal.AsBytes(array.AsSpan()));
        return array;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadSection(int section, Span<byte> destination)
    {
        if (_verified)
        {
            _input.ReadExactly(destination);
            return;
        }

        _section.Reset();
        for (int at = 0; at < destination.Length; at += BlockSize)
        {
            Span<byte> block = destination.Slice(at, Math.Min(BlockSize, destination.Length - at));
            _input.ReadExactly(block);
            _section.Append(block);
            _file.Append(block);
        }

        if (_section.GetCurrentHashAsUInt64() != _header.ChecksumOf(section))
        {
            throw SectionDamaged(section);
        }
    }

    /// <summary>
    /// Checks the whole-file checksum in one call over bytes in memory, which then vouches for
    /// every section; when it fails, the sections' own checksums name the damaged one.
    /// </summary>
    private bool VerifyWhole(ReadOnlySpan<byte> all) => WholeHolds(all) ? true : throw DamageIn(all);

    private static bool WholeHolds(ReadOnlySpan<byte> all)
    {
        int end = all.Length - SnapshotLayout.ChecksumLength;
        return XxHash3.HashToUInt64(all[..end]) == BinaryPrimitives.ReadUInt64LittleEndian(all[end..]);
    }

    /// <summary>The error for a file whose whole checksum fails: the first section whose own checksum fails, or else the final checksum.</summary>
    private RatingFormatException DamageIn(ReadOnlySpan<byte> all)
    {
        int offset = SnapshotLayout.HeaderLength;
        for (int s = 0; s < SnapshotLayout.SectionCount; s++)
        {
            int length = _header.LengthOf(s);
            if (XxHash3.HashToUInt64(all.Slice(offset, length)) != _header.ChecksumOf(s))
            {
                return SectionDamaged(s);
            }

            offset += length;
        }

        return FinalChecksumDamaged();
    }

    private RatingFormatException SectionDamaged(int section) =>
        _errors.Damaged($"the checksum of section {SnapshotLayout.Describe(section)} does not match");

    private RatingFormatException FinalChecksumDamaged() =>
        _errors.Damaged("the checksum of the whole file does not match although the header's and every section's do, so the final checksum itself is damaged");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IdMap ReadIds(int section, IdKind kind, int count)
    {
        var map = new IdMap(kind);
        if (kind == IdKind.Integer)
        {
            long[] ids = ReadArray<long>(section, count);
            for (int i = 0; i < ids.Length; i++)
            {
                int index = map.GetOrAdd(ids[i]);
                if (index != i)
                {
                    throw Duplicate(section, ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture), index, i);
                }
            }

            return map;
        }

        byte[] bytes = ReadArray<byte>(section, _header.LengthOf(section));
        ReadOnlySpan<int> ends = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(0, 4 * count));
        ReadOnlySpan<byte> text = bytes.AsSpan(4 * count);
        int previous = 0;
        for (int i = 0; i < count; i++)
        {
            int end = ends[i];
            if (end < previous || end > text.Length || (i == count - 1 && end != text.Length))
            {
                throw _errors.Invalid(
                    $"in section {SnapshotLayout.Describe(section)}, id {i} ends at byte {end} of the {text.Length} bytes of text, after the previous id's end {previous}; the ends must ascend to the last byte");
            }

            string id;
            try
            {
                id = StrictUtf8.GetString(text[previous..end]);
            }
            catch (DecoderFallbackException e)
            {
                throw _errors.Invalid($"in section {SnapshotLayout.Describe(section)}, id {i} is not valid UTF-8 ({e.Message})");
            }

            int index = map.GetOrAdd(id);
            if (index != i)
            {
                throw Duplicate(section, id, index, i);
            }

            previous = end;
        }

        return map;
    }

    private RatingFormatException Duplicate(int section, string id, int first, int second) =>
        _errors.Invalid($"in section {SnapshotLayout.Describe(section)}, id '{id}' appears twice, at indices {first} and {second}; each id must have one index");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckOffsets(ReadOnlySpan<int> offsets)
    {
        if (offsets[0] != 0 || offsets[^1] != _header.Ratings)
        {
            throw _errors.Invalid($"the row offsets run from {offsets[0]} to {offsets[^1]}, but must run from 0 to the {_header.Ratings} ratings");
        }

        for (int u = 0; u + 1 < offsets.Length; u++)
        {
            if (offsets[u + 1] < offsets[u])
            {
                throw _errors.Invalid($"the row offsets go backwards at user {u}: {offsets[u]} then {offsets[u + 1]}");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckRows(ReadOnlySpan<int> offsets, ReadOnlySpan<int> items)
    {
        int itemCount = _header.Items;
        for (int u = 0; u + 1 < offsets.Length; u++)
        {
            ReadOnlySpan<int> row = items[offsets[u]..offsets[u + 1]];
            if (!row.IsEmpty && ((uint)row[0] >= (uint)itemCount || (uint)row[^1] >= (uint)itemCount || !StrictlyAscending(row)))
            {
                int k = 0;
                while (k < row.Length && (uint)row[k] < (uint)itemCount && (k == 0 || row[k] > row[k - 1]))
                {
                    k++;
                }

                k = Math.Min(k, row.Length - 1);
                throw _errors.Invalid(
                    $"rating {offsets[u] + k} (user index {u}) has item index {row[k]}, but a row's item indices must ascend without repeats and lie in [0, {itemCount})");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool StrictlyAscending(ReadOnlySpan<int> row)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<int>.Count < row.Length; k += Vector<int>.Count)
            {
                if (!Vector.GreaterThanAll(new Vector<int>(row[(k + 1)..]), new Vector<int>(row[k..])))
                {
                    return false;
                }
            }
        }

        for (; k + 1 < row.Length; k++)
        {
            if (row[k + 1] <= row[k])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckValues(ReadOnlySpan<float> values)
    {
        float min = _header.Min, max = _header.Max;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var low = new Vector<float>(min);
            var high = new Vector<float>(max);
            for (; k + Vector<float>.Count <= values.Length; k += Vector<float>.Count)
            {
                // Comparisons with NaN are false, and infinities lie outside a finite scale.
                var v = new Vector<float>(values[k..]);
                if (!Vector.GreaterThanOrEqualAll(v, low) || !Vector.LessThanOrEqualAll(v, high))
                {
                    break;
                }
            }
        }

        for (; k < values.Length; k++)
        {
            if (!(values[k] >= min && values[k] <= max))
            {
                throw _errors.Invalid($"rating {k} is {values[k]}, outside the scale [{min}, {max}] the header declares");
            }
        }
    }
}
