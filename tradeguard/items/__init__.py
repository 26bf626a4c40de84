"""tradeguard.items"""
