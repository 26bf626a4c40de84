"""tradeguard.network"""
