using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;
using Xunit.Abstractions;

namespace MatrixFactorization.Tests.Fuzz;

/// <summary>
/// The model loader's allocation against the file's size on the files that cost it the most per
/// byte: one factor per row (each row padded to 16 floats) and many short string ids. The fuzzer
/// holds every damaged file to the same bound.
/// </summary>
public sealed class ModelAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(IdKind.Integer)]
    [InlineData(IdKind.String)]
    public void Loading_a_one_factor_model_of_many_users_allocates_within_the_bound(IdKind ids)
    {
        var builder = new RatingStoreBuilder();
        for (int user = 0; user < 40_000; user++)
        {
            if (ids == IdKind.String)
            {
                builder.Add(Convert.ToString(user, 16), (user % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), 1 + (user % 5));
            }
            else
            {
                builder.Add(user, user % 7, 1 + (user % 5));
            }
        }

        MatrixFactorizationModel model = new MatrixFactorizationTrainer(new MatrixFactorizationOptions { FactorCount = 1, Epochs = 1, Threads = 1 }).Fit(builder.Build());
        using var file = new MemoryStream();
        ModelSerializer.Save(model, file);
        byte[] bytes = file.ToArray();

        ModelSerializer.Open(new MemoryStream(bytes));
        long before = GC.GetAllocatedBytesForCurrentThread();
        ModelSerializer.Open(new MemoryStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{ids} ids: {allocated} bytes allocated for a {bytes.Length}-byte file, {(double)allocated / bytes.Length:0.00} per byte");
        allocated.Should().BeLessThanOrEqualTo(FuzzTargets.ModelAllocationBound(bytes.Length));
    }
}
