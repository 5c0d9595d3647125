"""What every layer may use: errors and problems, limits, fonts, images, collector tuning."""
