using MatrixFactorization.Data;

namespace MatrixFactorization.Persistence;

/// <summary>
/// The <c>SEEN</c> section: each user's training items. Rows are sorted, so each is stored as its
/// length and then its gaps — the first index, then each index minus the one before it minus one —
/// every number an unsigned LEB128 integer. Most gaps in a rating matrix are small, so most items
/// take one or two bytes.
/// </summary>
internal static class SeenItemsSection
{
    public static void Write(SectionWriter w, SeenItems seen)
    {
        w.WriteVarUInt32((uint)seen.UserCount);
        w.WriteVarUInt32((uint)seen.ItemCount);
        w.WriteVarUInt32((uint)seen.Count);
        for (int user = 0; user < seen.UserCount; user++)
        {
            ReadOnlySpan<int> items = seen.GetItems(user);
            w.WriteVarUInt32((uint)items.Length);
            int previous = -1;
            foreach (int item in items)
            {
                w.WriteVarUInt32((uint)(item - previous - 1));
                previous = item;
            }
        }
    }

    public static SeenItems Read(SectionReader r, int modelUsers, int modelItems)
    {
        uint users = r.ReadVarUInt32();
        uint items = r.ReadVarUInt32();
        if (users != modelUsers || items != modelItems)
        {
            throw r.Corrupt($"it is for {users} users and {items} items, but the model has {modelUsers} and {modelItems}");
        }

        // Every pair takes at least one byte, and every user one byte for its row length.
        int total = r.ReadCount(1, "seen items");
        if ((long)total + modelUsers > r.Remaining)
        {
            throw r.Corrupt($"{total} seen items and {modelUsers} row lengths do not fit in the {r.Remaining} bytes left");
        }

        var offsets = new int[modelUsers + 1];
        var indices = new int[total];
        int at = 0;
        for (int user = 0; user < modelUsers; user++)
        {
            uint length = r.ReadVarUInt32();
            if (length > (uint)(total - at))
            {
                throw r.Corrupt($"user {user} has {length} items, more than the {total - at} left of the {total} the section holds");
            }

            long item = -1;
            for (uint k = 0; k < length; k++)
            {
                item += (long)r.ReadVarUInt32() + 1;
                if (item >= modelItems)
                {
                    throw r.Corrupt($"user {user} has item {item}, but the model has {modelItems} items");
                }

                indices[at++] = (int)item;
            }

            offsets[user + 1] = at;
        }

        if (at != total)
        {
            throw r.Corrupt($"its rows hold {at} items, not the {total} it announces");
        }

        r.ExpectEnd();
        return new SeenItems(modelItems, offsets, indices);
    }
}
