using MatrixFactorization.Foundation;

namespace MatrixFactorization.Tests.Foundation;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_write_that_fails_halfway_leaves_the_old_file_whole_and_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("mf-atomic-").FullName;
        try
        {
            string path = Path.Combine(folder, "out.txt");
            File.WriteAllText(path, "old content");
            FluentActions.Invoking(() => AtomicFile.Write(path, 0, stream =>
            {
                stream.Write("new, but only half"u8);
                stream.Flush();
                throw new IOException("disk full");
            })).Should().Throw<IOException>();
            File.ReadAllText(path).Should().Be("old content");
            Directory.GetFiles(folder).Should().Equal(path);

            AtomicFile.Write(path, 0, stream => stream.Write("new content"u8));
            File.ReadAllText(path).Should().Be("new content");
            Directory.GetFiles(folder).Should().Equal(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_next_write_removes_the_temporary_file_a_killed_write_left_and_nothing_else()
    {
        string folder = Directory.CreateTempSubdirectory("mf-atomic-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.bin");
            string killed = Path.Combine(folder, ".model.bin.0123456789abcdef0123456789abcdef.tmp");
            string young = Path.Combine(folder, ".model.bin.fedcba9876543210fedcba9876543210.tmp");
            string otherTarget = Path.Combine(folder, ".other.bin.0123456789abcdef0123456789abcdef.tmp");
            string notOurs = Path.Combine(folder, ".model.bin.notes.tmp");
            foreach (string file in new[] { killed, young, otherTarget, notOurs })
            {
                File.WriteAllText(file, "half");
            }

            DateTime minuteAgo = DateTime.UtcNow.AddMinutes(-1);
            foreach (string file in new[] { killed, otherTarget, notOurs })
            {
                File.SetLastWriteTimeUtc(file, minuteAgo);
            }

            AtomicFile.Write(path, 0, stream => stream.Write("new content"u8));

            File.ReadAllText(path).Should().Be("new content");
            Directory.GetFiles(folder).Order().Should().Equal(new[] { path, young, otherTarget, notOurs }.Order(),
                "only the old temporary file of this target goes; a young one may belong to a writer that has not locked it yet");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_temporary_file_held_by_a_running_writer_is_left_alone()
    {
        string folder = Directory.CreateTempSubdirectory("mf-atomic-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.bin");
            string running = Path.Combine(folder, ".model.bin.00000000000000000000000000000001.tmp");
            using (var writer = new FileStream(running, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writer.Write("still writing"u8);
                File.SetLastWriteTimeUtc(running, DateTime.UtcNow.AddMinutes(-1));

                AtomicFile.Write(path, 0, stream => stream.Write("new content"u8));

                File.Exists(running).Should().BeTrue("its writer holds it open");
            }

            // Closing wrote the buffered bytes, which made it young again: age it as a kill's leftover would be.
            File.SetLastWriteTimeUtc(running, DateTime.UtcNow.AddMinutes(-1));
            AtomicFile.Write(path, 0, stream => stream.Write("newer content"u8));
            File.Exists(running).Should().BeFalse("once its writer is gone, it is a leftover");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
