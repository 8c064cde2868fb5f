using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Mini-batch (or full-batch) Adam over a <see cref="NeuralState"/>, on all threads, bit-identical
/// for any thread count, and allocation-free after construction.
/// </summary>
/// <remarks>
/// <para>A batch is processed in chunks of at most <see cref="ChunkSize"/> ratings so a full batch
/// needs no per-rating buffer of its size. Each chunk is cut into <see cref="Shards"/> fixed,
/// contiguous shards; a shard backpropagates its ratings in order into its own copy of the layers'
/// gradient and writes each rating's embedding gradient to that rating's slot of a chunk buffer.
/// The embedding slots are then added into the embedding gradients by row owner (row mod
/// <see cref="Shards"/>), in rating order, and the layer gradients are summed in shard order. Nothing
/// depends on which thread ran what.</para>
/// <para>Embeddings and biases are updated lazily (as TensorFlow's <c>LazyAdam</c>): only the rows
/// a batch touched take an Adam step and decay, using the global step count for bias correction.
/// Rows of users and items absent from a batch keep their parameters and moments unchanged, which
/// is what makes a step cost proportional to the batch rather than to the catalogue.</para>
/// <para>Training fuses the last chunk's accumulation with the Adam step: a shard's rows are
/// accumulated and updated by the same part, and one more part sums the layer gradients and steps
/// the layers, so a batch costs two phases (two hand-offs between threads) instead of three.</para>
/// <para>Cancellation is checked before every batch, before and after every chunk's backpropagation,
/// and by each shard every <see cref="CancellationRows"/> ratings, so a full batch of millions of
/// ratings stops within a fraction of a chunk. A cancelled batch throws before its Adam step: no
/// parameter has moved, and the training returns no model.</para>
/// </remarks>
internal sealed class NeuralEngine : IEpochRunner
{
    public const int Shards = 16;
    public const int ChunkSize = 8192;

    /// <summary>Ratings a shard backpropagates between two looks at the cancellation token.</summary>
    public const int CancellationRows = 256;
    private const float Epsilon = 1e-8f;

    /// <summary>Steps whose Adam powers are tabulated (1 MB); a longer run computes later ones as it goes.</summary>
    private const int MaxTabulatedSteps = 1 << 16;

    private readonly NeuralState _state;
    private readonly NeuralOptions _options;
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly int[] _order;
    private readonly NeuralBackprop[] _backprops;
    private readonly float[][] _shardGradients;
    private readonly double[] _shardLoss;
    private readonly double[] _shardPenalty;
    private readonly float[] _inputGradients;
    private readonly float[] _biasGradients;
    private readonly int[] _userStamps;
    private readonly int[] _itemStamps;
    private readonly int[] _userSteps;
    private readonly int[] _itemSteps;
    private readonly NeuralTouchedRows[] _touched;
    private readonly PhaseRunner _runner;
    private readonly Action<int> _backpropJob;
    private readonly Action<int> _accumulateJob;
    private readonly Action<int> _adamJob;
    private readonly Action<int> _accumulateAndUpdateJob;
    private readonly AdamPowers _powers;
    private readonly int _inputWidth;
    private int _epoch;
    private int _chunkStart;
    private int _chunkLength;
    private float _gradientScale;
    private float _regularizationScale;
    private bool _trackPenalty;
    private int _batchNumber;
    private float _learningRate;
    private int _step;
    private CancellationToken _cancellation;

    public NeuralEngine(NeuralState state, RatingStore train, NeuralOptions options)
    {
        _state = state;
        _options = options;
        _users = train.CopyUserIndices();
        _items = train.ItemIndices.ToArray();
        _values = train.Values.ToArray();
        _order = new int[train.Count];
        for (int k = 0; k < _order.Length; k++)
        {
            _order[k] = k;
        }

        _inputWidth = state.Layers.InputWidth(0);
        BatchSize = options.BatchSize == 0 ? train.Count : Math.Min(options.BatchSize, train.Count);
        int chunk = Math.Min(ChunkSize, Math.Max(BatchSize, 1));
        _backprops = new NeuralBackprop[Shards];
        _shardGradients = new float[Shards][];
        _touched = new NeuralTouchedRows[Shards];
        for (int s = 0; s < Shards; s++)
        {
            _backprops[s] = new NeuralBackprop(state.Layers);
            _shardGradients[s] = new float[state.Layers.Parameters.Length];
            _touched[s] = new NeuralTouchedRows((train.UserCount / Shards) + 1, (train.ItemCount / Shards) + 1);
        }

        _shardLoss = new double[Shards];
        _shardPenalty = new double[Shards];
        _inputGradients = new float[chunk * _inputWidth];
        _biasGradients = new float[chunk];
        _userStamps = new int[train.UserCount];
        _itemStamps = new int[train.ItemCount];
        _userSteps = new int[train.UserCount];
        _itemSteps = new int[train.ItemCount];
        _runner = new PhaseRunner(options.EffectiveThreads);
        _backpropJob = Backpropagate;
        _accumulateJob = Accumulate;
        _adamJob = Update;
        _accumulateAndUpdateJob = AccumulateAndUpdate;
        int batches = (train.Count + Math.Max(BatchSize, 1) - 1) / Math.Max(BatchSize, 1);
        _powers = new AdamPowers(options.Beta1, options.Beta2, (int)Math.Min((long)options.Epochs * batches, MaxTabulatedSteps));
    }

    /// <summary>Ratings per Adam step.</summary>
    public int BatchSize { get; }

    /// <summary>Runs one epoch: a fresh shuffle, then one Adam step per batch.</summary>
    /// <returns>The sum of squared training errors seen (with dropout active).</returns>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        SplitMix64.For(_options.Seed, epoch, 0x5348).Shuffle(_order.AsSpan());
        Array.Clear(_shardLoss);
        for (int start = 0; start < _order.Length; start += BatchSize)
        {
            Step(epoch, start, Math.Min(BatchSize, _order.Length - start), learningRate, cancellation);
        }

        double loss = 0;
        foreach (double shardLoss in _shardLoss)
        {
            loss += shardLoss;
        }

        return loss;
    }

    /// <summary>
    /// Backpropagates the ratings at positions [start, start + length) of the current order, leaving
    /// the mean-squared-error gradient of the layers in <see cref="NeuralState.DenseGradient"/> and
    /// of the touched rows in the embedding and bias gradients.
    /// </summary>
    /// <param name="epoch">The epoch, which with the position fixes each rating's dropout mask.</param>
    /// <param name="start">The first position.</param>
    /// <param name="length">The batch size.</param>
    /// <param name="trackPenalty">Whether to add up the penalty for the return value (training does not need it).</param>
    /// <returns>The batch's objective times its size: the sum of squared errors plus, when tracked, the
    /// regularization penalty λ·(‖e_u‖² + ‖e_i‖² + b_u² + b_i²) of every rating.</returns>
    public double ComputeGradients(int epoch, int start, int length, bool trackPenalty = true)
    {
        _cancellation = CancellationToken.None;
        Begin(epoch, length, trackPenalty);
        double before = SumLoss();
        Array.Clear(_shardPenalty);
        for (int chunk = start; chunk < start + length; chunk += ChunkSize)
        {
            _chunkStart = chunk;
            _chunkLength = Math.Min(ChunkSize, start + length - chunk);
            _runner.Run(_backpropJob, Shards);
            _runner.Run(_accumulateJob, Shards);
        }

        SumDenseGradient();
        double penalty = 0;
        foreach (double shardPenalty in _shardPenalty)
        {
            penalty += shardPenalty;
        }

        return SumLoss() - before + (_options.EmbeddingRegularization * penalty);
    }

    /// <summary>
    /// One training step on the ratings at positions [start, start + length): what
    /// <see cref="ComputeGradients"/> (untracked penalty) then <see cref="ApplyAdam"/> do, bit for
    /// bit, with the accumulation of the last chunk and the Adam step in one phase.
    /// </summary>
    /// <param name="epoch">The epoch, which with the position fixes each rating's dropout mask.</param>
    /// <param name="start">The first position.</param>
    /// <param name="length">The batch size.</param>
    /// <param name="learningRate">The Adam learning rate.</param>
    /// <param name="cancellation">Checked before each chunk and by the shards as they backpropagate;
    /// when cancelled the step throws before it changes a parameter (the gradients it had begun
    /// to add up are left behind, so the engine must not be stepped again).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void Step(int epoch, int start, int length, float learningRate, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        _cancellation = cancellation;
        Begin(epoch, length, trackPenalty: false);
        _learningRate = learningRate;
        _step++;
        for (int chunk = start; chunk < start + length; chunk += ChunkSize)
        {
            cancellation.ThrowIfCancellationRequested();
            _chunkStart = chunk;
            _chunkLength = Math.Min(ChunkSize, start + length - chunk);
            _runner.Run(_backpropJob, Shards);

            // A shard that saw the token cancelled stopped early, so this chunk's gradients are incomplete.
            cancellation.ThrowIfCancellationRequested();
            bool lastChunk = chunk + ChunkSize >= start + length;
            _runner.Run(lastChunk ? _accumulateAndUpdateJob : _accumulateJob, lastChunk ? Shards + 1 : Shards);
        }
    }

    /// <summary>One Adam step on the layers and on every touched row; clears the gradients.</summary>
    public void ApplyAdam(float learningRate)
    {
        _learningRate = learningRate;
        _step++;
        _runner.Run(_adamJob, Shards + 1);
    }

    /// <summary>Drops the gradients of the last <see cref="ComputeGradients"/> without a step.</summary>
    public void ClearGradients()
    {
        _state.DenseGradient.AsSpan().Clear();
        for (int s = 0; s < Shards; s++)
        {
            NeuralTouchedRows touched = _touched[s];
            foreach (int u in touched.Users)
            {
                _state.UserGradient.Row(u).Clear();
                _state.UserBiases?.Gradient[u] = 0f;
            }

            foreach (int i in touched.Items)
            {
                _state.ItemGradient.Row(i).Clear();
                _state.ItemBiases?.Gradient[i] = 0f;
            }

            touched.Reset();
        }
    }

    public void Dispose() => _runner.Dispose();

    private void Begin(int epoch, int length, bool trackPenalty)
    {
        _trackPenalty = trackPenalty;
        _epoch = epoch;
        _batchNumber++;
        _gradientScale = 1f / length;
        _regularizationScale = 2f * _options.EmbeddingRegularization / length;
    }

    /// <summary>Dense gradient ← the shards' layer gradients summed in shard order; clears them.</summary>
    private void SumDenseGradient()
    {
        Span<float> dense = _state.DenseGradient;
        dense.Clear();
        for (int s = 0; s < Shards; s++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dense, _shardGradients[s], dense);
            Array.Clear(_shardGradients[s]);
        }
    }

    private double SumLoss()
    {
        double sum = 0;
        foreach (double loss in _shardLoss)
        {
            sum += loss;
        }

        return sum;
    }

    private void Backpropagate(int shard)
    {
        int from = (int)((long)_chunkLength * shard / Shards);
        int to = (int)((long)_chunkLength * (shard + 1) / Shards);
        NeuralBackprop backprop = _backprops[shard];
        float[] gradient = _shardGradients[shard];
        double loss = 0;
        CancellationToken cancellation = _cancellation;
        for (int p = from; p < to; p++)
        {
            if ((p - from) % CancellationRows == 0 && cancellation.IsCancellationRequested)
            {
                // The step throws once the phase is over; the rest of the shard would be wasted.
                return;
            }

            int position = _chunkStart + p;
            int k = _order[position];
            if (p + 1 < to)
            {
                // The rows are scattered over megabytes; fetching the next rating's while this one
                // computes hides most of the miss.
                int next = _order[position + 1];
                Prefetcher.Row(_state.UserEmbeddings, _users[next]);
                Prefetcher.Row(_state.ItemEmbeddings, _items[next]);
            }

            SplitMix64 rng = SplitMix64.For(_options.Seed, ((long)_epoch << 32) | (uint)position, 0xD209);
            float error = backprop.Run(
                _state,
                _users[k],
                _items[k],
                _values[k],
                _options.Dropout,
                rng,
                _gradientScale,
                gradient,
                _inputGradients.AsSpan(p * _inputWidth, _inputWidth),
                out _biasGradients[p]);
            loss += (double)error * error;
        }

        _shardLoss[shard] += loss;
    }

    private void Accumulate(int shard)
    {
        NeuralTouchedRows touched = _touched[shard];
        int userFactors = _state.UserEmbeddingLength;
        float lambda = _regularizationScale;
        double penalty = 0;
        for (int p = 0; p < _chunkLength; p++)
        {
            int k = _order[_chunkStart + p];
            int u = _users[k];
            int i = _items[k];
            ReadOnlySpan<float> gradient = _inputGradients.AsSpan(p * _inputWidth, _inputWidth);
            if (u % Shards == shard)
            {
                if (_userStamps[u] != _batchNumber)
                {
                    _userStamps[u] = _batchNumber;
                    touched.AddUser(u);
                }

                Span<float> row = _state.UserEmbeddings.Row(u);
                Span<float> rowGradient = _state.UserGradient.Row(u);
                FactorKernels.Axpy(1f, gradient[..userFactors], rowGradient);
                _state.UserBiases?.Gradient[u] += _biasGradients[p];
                if (lambda > 0f)
                {
                    // Per rating, as in Funk's SVD: a row is shrunk in proportion to how often it is seen.
                    FactorKernels.Axpy(lambda, row, rowGradient);
                    if (_state.UserBiases is NeuralBiasVector biases)
                    {
                        biases.Gradient[u] += lambda * biases.Values[u];
                        penalty += _trackPenalty ? biases.Values[u] * biases.Values[u] : 0f;
                    }

                    penalty += _trackPenalty ? FactorKernels.Dot(row, row) : 0f;
                }
            }

            if (i % Shards == shard)
            {
                if (_itemStamps[i] != _batchNumber)
                {
                    _itemStamps[i] = _batchNumber;
                    touched.AddItem(i);
                }

                Span<float> row = _state.ItemEmbeddings.Row(i);
                Span<float> rowGradient = _state.ItemGradient.Row(i);
                FactorKernels.Axpy(1f, gradient[userFactors..], rowGradient);
                _state.ItemBiases?.Gradient[i] += _biasGradients[p];
                if (lambda > 0f)
                {
                    FactorKernels.Axpy(lambda, row, rowGradient);
                    if (_state.ItemBiases is NeuralBiasVector biases)
                    {
                        biases.Gradient[i] += lambda * biases.Values[i];
                        penalty += _trackPenalty ? biases.Values[i] * biases.Values[i] : 0f;
                    }

                    penalty += _trackPenalty ? FactorKernels.Dot(row, row) : 0f;
                }
            }
        }

        _shardPenalty[shard] += penalty;
    }

    private void AccumulateAndUpdate(int part)
    {
        if (part == Shards)
        {
            SumDenseGradient();
        }
        else
        {
            Accumulate(part);
        }

        Update(part);
    }

    private void Update(int shard)
    {
        float lr = _learningRate, wd = _options.WeightDecay;
        NeuralState s = _state;
        if (shard == Shards)
        {
            FactorKernels.AdamStep(s.Layers.Parameters, s.DenseGradient, s.DenseM, s.DenseV, lr, _options.Beta1, _options.Beta2, Epsilon, wd, _step);
            return;
        }

        NeuralTouchedRows touched = _touched[shard];
        foreach (int u in touched.Users)
        {
            AdamCoefficients c = _powers.Coefficients(++_userSteps[u], lr, Epsilon, wd);
            StepRow(s.UserEmbeddings, s.UserGradient, s.UserM, s.UserV, u, c);
            if (s.UserBiases is NeuralBiasVector biases)
            {
                StepBias(biases, u, c);
            }
        }

        foreach (int i in touched.Items)
        {
            AdamCoefficients c = _powers.Coefficients(++_itemSteps[i], lr, Epsilon, wd);
            StepRow(s.ItemEmbeddings, s.ItemGradient, s.ItemM, s.ItemV, i, c);
            if (s.ItemBiases is NeuralBiasVector biases)
            {
                StepBias(biases, i, c);
            }
        }

        touched.Reset();
    }

    /// <summary>Adam on one embedding row, padding included (it stays zero), then clears its gradient.</summary>
    private static void StepRow(FactorMatrix values, FactorMatrix gradient, FactorMatrix m, FactorMatrix v, int row, in AdamCoefficients c)
    {
        FactorKernels.AdamStepUnchecked(
            ref values.RowReference(row), ref gradient.RowReference(row), ref m.RowReference(row), ref v.RowReference(row), values.Stride, c);
        gradient.PaddedRow(row).Clear();
    }

    private static void StepBias(NeuralBiasVector biases, int row, in AdamCoefficients c)
    {
        FactorKernels.AdamStepUnchecked(ref biases.Values[row], ref biases.Gradient[row], ref biases.M[row], ref biases.V[row], 1, c);
        biases.Gradient[row] = 0f;
    }
}
