"""tradeguard.lists"""
