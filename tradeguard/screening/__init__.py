"""tradeguard.screening"""
