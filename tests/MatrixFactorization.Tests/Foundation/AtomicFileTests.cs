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
}
