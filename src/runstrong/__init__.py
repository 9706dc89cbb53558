"""runstrong: strength training for runners."""
