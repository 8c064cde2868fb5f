namespace MatrixFactorization.Tests.Support;

public class AllocationsTests
{
    [Fact]
    public void Work_that_allocates_in_every_window_is_counted()
    {
        // Without the counter seeing this, every zero-allocation test built on it would pass vacuously.
        object? kept = null;
        Allocations.FewestPerWindow(() => kept = new byte[1000]).Should().BeGreaterThanOrEqualTo(1000);
        kept.Should().NotBeNull();
    }

    [Fact]
    public void Work_that_allocates_once_is_not_counted()
    {
        int calls = 0;
        object? kept = null;
        Allocations.FewestPerWindow(() =>
        {
            if (calls++ == 0)
            {
                kept = new byte[1000];
            }
        }).Should().Be(0);
        calls.Should().Be(4);
        kept.Should().NotBeNull();
    }
}
