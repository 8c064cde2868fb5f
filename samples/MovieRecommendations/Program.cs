using MovieRecommendations;

// Matrix factorization taught twice: first on the four friends and five movies of Luis Serrano's
// talk "Matrix Factorization and Movie Recommendations", then on the bundled MovieLens ratings.
return SampleApplication.Run(args, Console.Out, Console.Error);
