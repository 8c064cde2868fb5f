using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

public class OrderedPipelineTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 16)]
    public void Results_are_consumed_in_order_whatever_the_timing(int workers, int window)
    {
        var consumed = new List<int>();

        OrderedPipeline.Run(
            200,
            workers,
            window,
            () => new Random(workers),
            (index, random) =>
            {
                Thread.SpinWait(random.Next(0, 20_000));
                return index;
            },
            consumed.Add);

        consumed.Should().Equal(Enumerable.Range(0, 200));
    }

    [Fact]
    public void A_failing_producer_stops_the_run_with_its_exception()
    {
        var act = () => OrderedPipeline.Run(100, 2, 4, () => 0, (index, _) => index == 37 ? throw new InvalidDataException("chunk 37") : index, _ => { });

        act.Should().Throw<InvalidDataException>().WithMessage("chunk 37");
    }

    [Fact]
    public void A_failing_consumer_stops_the_producers()
    {
        int produced = 0;
        var act = () => OrderedPipeline.Run(10_000, 2, 4, () => 0, (index, _) => Interlocked.Increment(ref produced), value =>
        {
            if (value > 10)
            {
                throw new IOException("disk full");
            }
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        produced.Should().BeLessThan(100);
    }

    [Fact]
    public void A_stream_that_fails_surfaces_from_write_libmf()
    {
        var generator = new SyntheticRatingGenerator(SyntheticOptions.Small with { Ratings = 50_000 });

        var act = () => generator.WriteLibmf(new FailingStream());

        act.Should().Throw<IOException>();
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("no space left on device");
    }
}
