"""tradeguard.store"""
